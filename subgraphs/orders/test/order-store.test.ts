import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PrismaOrderStore } from '../src/data/order.store.js';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { IllegalTransition } from '../src/domain/order-status.js';

const url = process.env.DATABASE_URL as string;
const statements: string[] = [];
const prisma = createPrismaClient(url, { onQuery: (sql) => statements.push(sql) });
const transitions: Array<{ from: string | null; to: string; provider: string | null }> = [];
const store = new PrismaOrderStore(prisma, (change) => transitions.push(change));

/** Statements sent by `fn`, without the transaction's BEGIN and COMMIT. */
async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  statements.length = 0;
  const result = await fn();
  return { result, sql: statements.filter((q) => !/^\s*(BEGIN|COMMIT)/i.test(q)) };
}

async function pendingOrder(payment: { status: 'PROCESSING' | 'SUCCEEDED' } | null = { status: 'PROCESSING' }) {
  const order = await prisma.order.create({
    data: {
      customerId: randomUUID(),
      email: 'grace@example.com',
      currencyCode: 'EUR',
      subtotalMinor: 4200,
      shippingMinor: 0,
      taxMinor: 0,
      totalMinor: 4200,
      shippingAddress: { name: 'Grace', line1: '2 Side St', city: 'Paris', postalCode: '75001', country: 'FR' },
      cartId: `cart-${randomUUID()}`,
      ...(payment
        ? {
            payment: {
              create: {
                id: randomUUID(),
                provider: 'TEST',
                status: payment.status,
                amountMinor: 4200,
                currencyCode: 'EUR',
                providerRef: `test_${randomUUID()}`,
              },
            },
          }
        : {}),
    },
    include: { payment: true },
  });
  return order;
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe('order status changes', () => {
  it('lock and read the order with its payment in one statement, and write a change in one more', async () => {
    const order = await pendingOrder();
    const seen: unknown[] = [];
    const { result, sql } = await counted(() =>
      store.changeStatus(order.id, (current, payment) => {
        seen.push({
          status: current.status,
          cartId: current.cartId,
          payment: payment?.status,
          total: current.totalMinor,
        });
        return { to: 'PAID', cause: 'payment succeeded', paymentStatus: 'SUCCEEDED' };
      }),
    );
    expect(sql).toHaveLength(2);
    expect(seen).toEqual([{ status: 'PENDING_PAYMENT', cartId: order.cartId, payment: 'PROCESSING', total: 4200 }]);
    expect(result.order).toMatchObject({ id: order.id, status: 'PAID', seq: order.seq, cartId: order.cartId });
    expect(result.order.updatedAt.getTime()).toBeGreaterThanOrEqual(order.updatedAt.getTime());

    const after = await prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { payment: true, transitions: true },
    });
    expect(after.status).toBe('PAID');
    expect(after.payment?.status).toBe('SUCCEEDED');
    expect(after.transitions.map((t) => [t.fromStatus, t.toStatus, t.cause])).toEqual([
      ['PENDING_PAYMENT', 'PAID', 'payment succeeded'],
    ]);
    const events = await prisma.outboxEvent.findMany({ where: { aggregateId: order.id } });
    expect(events.map((e) => e.payload)).toEqual([
      { type: 'OrderPaidV1', orderId: order.id, cartId: order.cartId, customerId: order.customerId },
    ]);
    expect(events[0]?.traceContext).toBeNull();
    expect(transitions.at(-1)).toEqual({ from: 'PENDING_PAYMENT', to: 'PAID', provider: 'TEST' });
  });

  it('write no event where the change has none, and leave a payment alone that does not change', async () => {
    const order = await pendingOrder({ status: 'SUCCEEDED' });
    await prisma.order.update({ where: { id: order.id }, data: { status: 'PAID' } });
    const { result } = await counted(() =>
      store.changeStatus(order.id, () => ({ to: 'FULFILLED', cause: 'fulfilled', paymentStatus: 'SUCCEEDED' })),
    );
    expect(result.order.status).toBe('FULFILLED');
    expect(await prisma.outboxEvent.count({ where: { aggregateId: order.id } })).toBe(0);
    const payment = await prisma.payment.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(payment.status).toBe('SUCCEEDED');
    expect(payment.updatedAt).toEqual(order.payment?.updatedAt);
  });

  it('change an order without a payment, and a payment without a status change', async () => {
    const bare = await pendingOrder(null);
    const cancelled = await store.changeStatus(bare.id, (_order, payment) => {
      expect(payment).toBeNull();
      return { to: 'CANCELLED', cause: 'abandoned' };
    });
    expect(cancelled.order.status).toBe('CANCELLED');
    const events = await prisma.outboxEvent.findMany({ where: { aggregateId: bare.id } });
    expect(events.map((e) => e.type)).toEqual(['OrderCancelledV1']);

    // A late payment on a closed order: refunded, the order stays as it is.
    const closed = await pendingOrder({ status: 'SUCCEEDED' });
    await prisma.order.update({ where: { id: closed.id }, data: { status: 'CANCELLED' } });
    const refund = { id: randomUUID(), providerRef: `re_${randomUUID()}`, amountMinor: 4200, reason: 'late' };
    const late = await store.changeStatus(closed.id, (order) => ({
      to: order.status,
      cause: 'late',
      paymentStatus: 'REFUNDED',
      refund,
    }));
    expect(late.order.status).toBe('CANCELLED');
    const payment = await prisma.payment.findUniqueOrThrow({
      where: { orderId: closed.id },
      include: { refunds: true },
    });
    expect(payment.status).toBe('REFUNDED');
    expect(payment.refunds.map((r) => r.providerRef)).toEqual([refund.providerRef]);
    expect(await prisma.orderTransition.count({ where: { orderId: closed.id } })).toBe(0);
  });

  it("apply a provider's event to the order of its payment: found and locked in one statement, recorded once, unknown payments not recorded", async () => {
    const order = await pendingOrder();
    const paymentId = order.payment?.id as string;
    const eventId = { provider: 'TEST' as const, eventId: `evt_${randomUUID()}`, type: 'payment.succeeded' };
    const decide = () => ({ to: 'PAID' as const, cause: 'paid', paymentStatus: 'SUCCEEDED' as const });
    const { result, sql } = await counted(() => store.changeStatusOfPayment(paymentId, 'TEST', decide, { eventId }));
    expect(sql.length).toBe(2); // the event recorded with the order locked and read with its payment; the change
    expect(result?.order.status).toBe('PAID');
    // The payment as it is after the change, without reading it again.
    expect(result?.payment).toMatchObject({ id: paymentId, orderId: order.id, status: 'SUCCEEDED', amountMinor: 4200 });
    expect((await prisma.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('SUCCEEDED');

    const repeat = await store.changeStatusOfPayment(paymentId, 'TEST', decide, { eventId });
    expect(repeat).toMatchObject({ duplicate: true, change: null, order: { id: order.id, status: 'PAID' } });
    expect(repeat?.payment?.status).toBe('SUCCEEDED');

    // Another provider's payment, or none: nothing is changed and the event is not kept as seen.
    for (const [id, provider] of [
      [paymentId, 'STRIPE'],
      [randomUUID(), 'TEST'],
      ['not-a-uuid', 'TEST'],
    ] as const) {
      const other = { provider, eventId: `evt_${randomUUID()}`, type: 'payment.succeeded' };
      expect(await store.changeStatusOfPayment(id, provider, decide, { eventId: other })).toBeNull();
      expect(await prisma.paymentEventSeen.count({ where: { eventId: other.eventId } })).toBe(0);
    }
    expect(await prisma.orderTransition.count({ where: { orderId: order.id } })).toBe(1);
  });

  it('write nothing for an illegal change, and refuse an unknown order', async () => {
    const order = await pendingOrder();
    await expect(store.changeStatus(order.id, () => ({ to: 'REFUNDED', cause: 'no' }))).rejects.toBeInstanceOf(
      IllegalTransition,
    );
    const after = await prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { payment: true } });
    expect([after.status, after.payment?.status]).toEqual(['PENDING_PAYMENT', 'PROCESSING']);
    expect(await prisma.outboxEvent.count({ where: { aggregateId: order.id } })).toBe(0);
    await expect(store.changeStatus(randomUUID(), () => ({ to: 'PAID', cause: 'x' }))).rejects.toThrow(/not found/);
  });
});
