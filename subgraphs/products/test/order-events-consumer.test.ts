import { randomUUID } from 'node:crypto';
import type { OrderEventEnvelope } from '@storegraph/events';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { settleReservation } from '../src/events/order-events.consumer.js';
import { InventoryService } from '../src/inventory/inventory.service.js';
import { resetInventory, stockOf } from './inventory-server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const inventory = new InventoryService(prisma);
const logger = silentLogger();
let ids: Awaited<ReturnType<typeof resetInventory>>;

const envelope = (event: OrderEventEnvelope['event']): OrderEventEnvelope => ({
  id: randomUUID(),
  occurredAt: new Date().toISOString(),
  aggregateId: event.orderId,
  event,
});
const ref = (orderId: string) => ({ orderId, cartId: null, customerId: null });

beforeEach(async () => {
  ids = await resetInventory(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('order events settle reservations', () => {
  it('commits a paid order once, however often the event arrives', async () => {
    const orderId = randomUUID();
    const variant = ids.variant('OX-S');
    const before = await stockOf(prisma, variant);
    await inventory.reserve(orderId, [{ variantId: variant, quantity: 2 }], 600);
    const paid = envelope({ type: 'OrderPaidV1', ...ref(orderId) });
    expect(await settleReservation(inventory, paid, logger)).toBe('COMMITTED');
    expect(await settleReservation(inventory, paid, logger)).toBe('COMMITTED');
    const after = await stockOf(prisma, variant);
    expect(after.onHand).toBe(before.onHand - 2);
    expect(after.reserved).toBe(before.reserved);
  });

  it('releases the stock of failed and cancelled orders, idempotently', async () => {
    const variant = ids.variant('OX-S');
    const before = await stockOf(prisma, variant);
    const failedId = randomUUID();
    const cancelledId = randomUUID();
    await inventory.reserve(failedId, [{ variantId: variant, quantity: 1 }], 600);
    await inventory.reserve(cancelledId, [{ variantId: variant, quantity: 1 }], 600);
    const failed = envelope({ type: 'OrderPaymentFailedV1', ...ref(failedId), reason: 'declined' });
    const cancelled = envelope({ type: 'OrderCancelledV1', ...ref(cancelledId), reason: 'expired', refunded: false });
    for (const e of [failed, failed, cancelled, cancelled]) {
      expect(await settleReservation(inventory, e, logger)).toBe('RELEASED');
    }
    expect(await stockOf(prisma, variant)).toEqual(before);
  });

  it('puts the units of a paid order cancelled before fulfilment back on the shelf, once', async () => {
    const orderId = randomUUID();
    const variant = ids.variant('OX-S');
    const before = await stockOf(prisma, variant);
    await inventory.reserve(orderId, [{ variantId: variant, quantity: 2 }], 600);
    await inventory.commit(orderId);
    expect((await stockOf(prisma, variant)).onHand).toBe(before.onHand - 2);
    const cancelled = envelope({ type: 'OrderCancelledV1', ...ref(orderId), reason: 'customer', refunded: true });
    expect(await settleReservation(inventory, cancelled, logger)).toBe('RETURNED');
    expect(await stockOf(prisma, variant)).toEqual(before);
    // Redelivered, or the payment event arriving late: nothing moves again.
    expect(await settleReservation(inventory, cancelled, logger)).toBe('RETURNED');
    const paid = envelope({ type: 'OrderPaidV1', ...ref(orderId) });
    expect(await settleReservation(inventory, paid, logger)).toBe('UNSETTLEABLE');
    expect(await stockOf(prisma, variant)).toEqual(before);
    const rows = await prisma.stockReservation.findMany({ where: { orderId } });
    expect(rows.map((r) => r.status)).toEqual(['RETURNED']);
    // A returned order's id is not reserved again.
    await expect(inventory.reserve(orderId, [{ variantId: variant, quantity: 2 }], 600)).rejects.toMatchObject({
      code: 'RESERVATION_RELEASED',
    });
  });

  it('acknowledges what cannot settle (a released reservation paid) and ignores other order events', async () => {
    const orderId = randomUUID();
    const variant = ids.variant('OX-S');
    await inventory.reserve(orderId, [{ variantId: variant, quantity: 1 }], 600);
    await inventory.release(orderId);
    const paid = envelope({ type: 'OrderPaidV1', ...ref(orderId) });
    expect(await settleReservation(inventory, paid, logger)).toBe('UNSETTLEABLE');
    const placed = envelope({ type: 'OrderPlacedV1', ...ref(orderId), totalMinor: 100, currencyCode: 'USD' });
    expect(await settleReservation(inventory, placed, logger)).toBe('IGNORED');
  });
});
