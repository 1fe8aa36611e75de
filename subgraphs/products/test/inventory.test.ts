import type { Logger } from '@storegraph/logger';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { InventoryError, InventoryService } from '../src/inventory/inventory.service.js';
import { outboxEvents, resetInventory, stockOf } from './inventory-server.js';

const statements: string[] = [];
const prisma = createPrismaClient(process.env.DATABASE_URL as string, { onQuery: (sql) => statements.push(sql) });
const service = new InventoryService(prisma);

/** The statements `fn` sends, BEGIN and COMMIT left out. */
async function sent(fn: () => Promise<unknown>): Promise<string[]> {
  statements.length = 0;
  await fn();
  return statements.filter((sql) => !/^\s*(BEGIN|COMMIT)\b/.test(sql));
}
let ids: Awaited<ReturnType<typeof resetInventory>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InventoryError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  ids = await resetInventory(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('reserve, commit, release', () => {
  it('reserves with authoritative prices, then commits: exact stock after each step', async () => {
    const s = ids.variant('OX-S');
    const t = ids.variant('TR-1');
    const before = Date.now();
    const result = await service.reserve(
      'order-1',
      [
        { variantId: t, quantity: 2 },
        { variantId: s, quantity: 3 },
      ],
      600,
    );
    if (result.status !== 'RESERVED') throw new Error(`unexpected ${result.status}`);
    expect(result.replayed).toBe(false);
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 600_000);
    expect(result.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 600_000);
    expect([...result.lines].sort((a, b) => a.sku.localeCompare(b.sku))).toEqual([
      {
        variantId: s,
        productId: ids.product('OX-S'),
        sku: 'OX-S',
        productTitle: 'Oxford Shirt',
        variantTitle: 'S',
        quantity: 3,
        unitPriceMinor: 4999,
        currencyCode: 'USD',
      },
      {
        variantId: t,
        productId: ids.product('TR-1'),
        sku: 'TR-1',
        productTitle: 'Trail Runner',
        variantTitle: 'Default',
        quantity: 2,
        unitPriceMinor: 12000,
        currencyCode: 'USD',
      },
    ]);
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    expect(await stockOf(prisma, t)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    const rows = await prisma.stockReservation.findMany({
      where: { orderId: 'order-1' },
      orderBy: { variantId: 'asc' },
    });
    expect(rows.map((r) => r.status)).toEqual(['RESERVED', 'RESERVED']);
    expect(rows.every((r) => r.expiresAt.getTime() === result.expiresAt.getTime())).toBe(true);

    const committed = await service.commit('order-1');
    expect(committed).toMatchObject({ orderId: 'order-1', status: 'COMMITTED', changed: true });
    expect(committed.lines).toHaveLength(2);
    expect(await stockOf(prisma, s)).toEqual({ onHand: 7, reserved: 0, available: 7 });
    expect(await stockOf(prisma, t)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    const after = await prisma.stockReservation.findMany({ where: { orderId: 'order-1' } });
    expect(after.map((r) => r.status)).toEqual(['COMMITTED', 'COMMITTED']);
  });

  it('releases a reservation: reserved drops, on hand stays', async () => {
    const m = ids.variant('OX-M');
    const result = await service.reserve('order-2', [{ variantId: m, quantity: 3 }], 600);
    expect(result.status).toBe('RESERVED');
    expect(await stockOf(prisma, m)).toEqual({ onHand: 3, reserved: 3, available: 0 });
    const released = await service.release('order-2');
    expect(released).toEqual({
      orderId: 'order-2',
      status: 'RELEASED',
      changed: true,
      lines: [{ variantId: m, quantity: 3 }],
    });
    expect(await stockOf(prisma, m)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    // The released units can be reserved by another order.
    expect((await service.reserve('order-3', [{ variantId: m, quantity: 3 }], 600)).status).toBe('RESERVED');
  });

  it('merges duplicate lines of one variant', async () => {
    const s = ids.variant('OX-S');
    const result = await service.reserve(
      'order-dup',
      [
        { variantId: s, quantity: 2 },
        { variantId: s.toUpperCase(), quantity: 4 },
      ],
      600,
    );
    if (result.status !== 'RESERVED') throw new Error(`unexpected ${result.status}`);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]?.quantity).toBe(6);
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 6, available: 4 });
    expect(await prisma.stockReservation.count()).toBe(1);
  });
});

describe('all or nothing', () => {
  it('a two-line reservation whose second line is short changes nothing and reports the shortage', async () => {
    const more = await resetInventory(prisma, [
      { sku: 'AA', quantityOnHand: 5 },
      { sku: 'BB', quantityOnHand: 5 },
    ]);
    // The short line is second in the request and in lock order, so the first was held before the refusal.
    const [first, second] = [more.variant('AA'), more.variant('BB')].sort() as [string, string];
    await prisma.productVariant.update({ where: { id: second }, data: { quantityOnHand: 1 } });
    const result = await service.reserve(
      'order-short',
      [
        { variantId: first, quantity: 2 },
        { variantId: second, quantity: 2 },
      ],
      600,
    );
    expect(result).toEqual({
      status: 'OUT_OF_STOCK',
      orderId: 'order-short',
      shortages: [{ variantId: second, requested: 2, available: 1, reason: 'INSUFFICIENT_STOCK' }],
    });
    expect(await stockOf(prisma, first)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await stockOf(prisma, second)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect(await prisma.stockReservation.count()).toBe(0);
    expect(await outboxEvents(prisma)).toEqual([]);
    // Nothing was kept under the order id: the same id may now reserve what is there.
    const retry = await service.reserve(
      'order-short',
      [
        { variantId: first, quantity: 2 },
        { variantId: second, quantity: 1 },
      ],
      600,
    );
    expect(retry.status).toBe('RESERVED');
    expect(await stockOf(prisma, second)).toEqual({ onHand: 1, reserved: 1, available: 0 });
  });

  it('reports every short line, with what is available', async () => {
    const m = ids.variant('OX-M');
    const t = ids.variant('TR-1');
    await service.reserve('holder', [{ variantId: t, quantity: 4 }], 600);
    const result = await service.reserve(
      'order-both-short',
      [
        { variantId: m, quantity: 5 },
        { variantId: t, quantity: 2 },
        { variantId: ids.variant('OX-S'), quantity: 1 },
      ],
      600,
    );
    if (result.status !== 'OUT_OF_STOCK') throw new Error(`unexpected ${result.status}`);
    expect([...result.shortages].sort((a, b) => a.variantId.localeCompare(b.variantId))).toEqual(
      [
        { variantId: m, requested: 5, available: 3, reason: 'INSUFFICIENT_STOCK' },
        { variantId: t, requested: 2, available: 1, reason: 'INSUFFICIENT_STOCK' },
      ].sort((a, b) => a.variantId.localeCompare(b.variantId)),
    );
    expect(await stockOf(prisma, t)).toEqual({ onHand: 5, reserved: 4, available: 1 });
    expect(await stockOf(prisma, ids.variant('OX-S'))).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('refuses unknown and soft-deleted variants with VARIANT_NOT_FOUND, changing nothing', async () => {
    const s = ids.variant('OX-S');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const result = await service.reserve(
      'order-ghost',
      [
        { variantId: s, quantity: 1 },
        { variantId: unknown, quantity: 1 },
      ],
      600,
    );
    expect(result).toEqual({
      status: 'VARIANT_NOT_FOUND',
      orderId: 'order-ghost',
      shortages: [{ variantId: unknown, requested: 1, available: 0, reason: 'VARIANT_NOT_FOUND' }],
    });
    const deleted = await service.reserve('order-deleted', [{ variantId: ids.variant('RH-1'), quantity: 1 }], 600);
    expect(deleted.status).toBe('VARIANT_NOT_FOUND');
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await stockOf(prisma, ids.variant('RH-1'))).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect(await prisma.stockReservation.count()).toBe(0);
  });
});

describe('idempotency', () => {
  it('repeating a reservation with the same lines changes nothing and answers the same result', async () => {
    const s = ids.variant('OX-S');
    const t = ids.variant('TR-1');
    const lines = [
      { variantId: s, quantity: 2 },
      { variantId: t, quantity: 1 },
    ];
    const first = await service.reserve('order-again', lines, 600);
    const eventsAfterFirst = (await outboxEvents(prisma)).length;
    // Same lines in another order, and a different ttl: still the same reservation.
    const second = await service.reserve('order-again', [...lines].reverse(), 30);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    expect(await stockOf(prisma, t)).toEqual({ onHand: 5, reserved: 1, available: 4 });
    expect(await prisma.stockReservation.count()).toBe(2);
    expect(await outboxEvents(prisma)).toHaveLength(eventsAfterFirst);
  });

  it('refuses the same order id with other lines: ORDER_ID_REUSED, nothing changed', async () => {
    const s = ids.variant('OX-S');
    await service.reserve('order-reused', [{ variantId: s, quantity: 2 }], 600);
    expect(await codeOf(service.reserve('order-reused', [{ variantId: s, quantity: 3 }], 600))).toBe('ORDER_ID_REUSED');
    expect(
      await codeOf(
        service.reserve(
          'order-reused',
          [
            { variantId: s, quantity: 2 },
            { variantId: ids.variant('TR-1'), quantity: 1 },
          ],
          600,
        ),
      ),
    ).toBe('ORDER_ID_REUSED');
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    expect(await stockOf(prisma, ids.variant('TR-1'))).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });

  it('commit twice and release twice change nothing the second time', async () => {
    const s = ids.variant('OX-S');
    await service.reserve('order-c', [{ variantId: s, quantity: 2 }], 600);
    expect((await service.commit('order-c')).changed).toBe(true);
    const events = (await outboxEvents(prisma)).length;
    expect(await service.commit('order-c')).toEqual({
      orderId: 'order-c',
      status: 'COMMITTED',
      changed: false,
      lines: [{ variantId: s, quantity: 2 }],
    });
    expect(await stockOf(prisma, s)).toEqual({ onHand: 8, reserved: 0, available: 8 });

    await service.reserve('order-r', [{ variantId: s, quantity: 3 }], 600);
    expect((await service.release('order-r')).changed).toBe(true);
    const afterRelease = await stockOf(prisma, s);
    expect(afterRelease).toEqual({ onHand: 8, reserved: 0, available: 8 });
    expect(await service.release('order-r')).toEqual({
      orderId: 'order-r',
      status: 'RELEASED',
      changed: false,
      lines: [{ variantId: s, quantity: 3 }],
    });
    expect(await stockOf(prisma, s)).toEqual(afterRelease);
    // Only the reserve and the first release wrote events after the commit.
    expect(await outboxEvents(prisma)).toHaveLength(events + 2);
  });

  it('a repeated reserve after commit answers COMMITTED, after release is refused', async () => {
    const s = ids.variant('OX-S');
    await service.reserve('order-x', [{ variantId: s, quantity: 1 }], 600);
    await service.commit('order-x');
    const replay = await service.reserve('order-x', [{ variantId: s, quantity: 1 }], 600);
    expect(replay).toMatchObject({ status: 'COMMITTED', replayed: true });
    await service.reserve('order-y', [{ variantId: s, quantity: 1 }], 600);
    await service.release('order-y');
    expect(await codeOf(service.reserve('order-y', [{ variantId: s, quantity: 1 }], 600))).toBe('RESERVATION_RELEASED');
    expect(await stockOf(prisma, s)).toEqual({ onHand: 9, reserved: 0, available: 9 });
  });

  it('answers codes for orders in the wrong state', async () => {
    const s = ids.variant('OX-S');
    expect(await codeOf(service.commit('no-such-order'))).toBe('NOT_FOUND');
    // Releasing an unknown order is a success with nothing released (saga compensation never fails).
    expect(await service.release('no-such-order')).toEqual({
      orderId: 'no-such-order',
      status: 'RELEASED',
      changed: false,
      lines: [],
    });
    await service.reserve('order-committed', [{ variantId: s, quantity: 1 }], 600);
    await service.commit('order-committed');
    expect(await codeOf(service.release('order-committed'))).toBe('ALREADY_COMMITTED');
    expect(await stockOf(prisma, s)).toEqual({ onHand: 9, reserved: 0, available: 9 });
  });
});

describe('validation', () => {
  const valid = () => [{ variantId: ids.variant('OX-S'), quantity: 1 }];
  it.each([
    ['an empty order id', '', null],
    ['a long order id', 'x'.repeat(101), null],
    ['an order id with a space', 'order 1', null],
    ['no lines', 'ok', []],
    [
      '101 lines',
      'ok',
      Array.from({ length: 101 }, () => ({ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 })),
    ],
    ['a zero quantity', 'ok', [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 0 }]],
    ['a fractional quantity', 'ok', [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1.5 }]],
    ['a quantity of 1000', 'ok', [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1000 }]],
    ['a string quantity', 'ok', [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: '1' }]],
    ['a variant id that is not a UUID', 'ok', [{ variantId: 'abc', quantity: 1 }]],
    [
      'merged lines over 999',
      'ok',
      [
        { variantId: '00000000-0000-4000-8000-000000000000', quantity: 500 },
        { variantId: '00000000-0000-4000-8000-000000000000', quantity: 500 },
      ],
    ],
  ])('refuses %s', async (_name, orderId, lines) => {
    expect(await codeOf(service.reserve(orderId, lines ?? valid(), 600))).toBe('INVALID_INPUT');
    expect(await prisma.stockReservation.count()).toBe(0);
  });

  it.each([0, -1, 1.5, 86_401, '60'])('refuses ttlSeconds %s', async (ttl) => {
    expect(await codeOf(service.reserve('ok', valid(), ttl))).toBe('INVALID_INPUT');
  });

  it('accepts the limits: 100 characters of every allowed kind, quantity 999', async () => {
    const more = await resetInventory(prisma, [{ sku: 'BULK', quantityOnHand: 999 }]);
    const orderId = `Aa0._:-${'z'.repeat(93)}`;
    const result = await service.reserve(orderId, [{ variantId: more.variant('BULK'), quantity: 999 }], 1);
    expect(result.status).toBe('RESERVED');
    expect(await stockOf(prisma, more.variant('BULK'))).toEqual({ onHand: 999, reserved: 999, available: 0 });
  });
});

describe('expiry', () => {
  it('releaseExpired releases a 1 s reservation once it passed; committing it then is RESERVATION_EXPIRED', async () => {
    const m = ids.variant('OX-M');
    const s = ids.variant('OX-S');
    await service.reserve('order-ttl', [{ variantId: m, quantity: 2 }], 1);
    await service.reserve('order-long', [{ variantId: s, quantity: 1 }], 600);
    expect(await service.releaseExpired()).toBe(0);
    expect(await stockOf(prisma, m)).toEqual({ onHand: 3, reserved: 2, available: 1 });

    await sleep(1_100);
    expect(await service.releaseExpired()).toBe(1);
    expect(await stockOf(prisma, m)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    // The long reservation is untouched.
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 1, available: 9 });
    expect((await prisma.stockReservation.findFirstOrThrow({ where: { orderId: 'order-ttl' } })).status).toBe(
      'RELEASED',
    );

    expect(await codeOf(service.commit('order-ttl'))).toBe('RESERVATION_EXPIRED');
    expect(await stockOf(prisma, m)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    expect(await service.releaseExpired()).toBe(0);
    // Releasing the expired order again is an idempotent success.
    expect((await service.release('order-ttl')).changed).toBe(false);
  });

  it('releases many expired orders across batches, and only those', async () => {
    const many = (await resetInventory(prisma, [{ sku: 'MANY', quantityOnHand: 500 }])).variant('MANY');
    const clockService = new InventoryService(prisma, { now: () => new Date(Date.now() - 3_600_000) });
    for (let i = 0; i < 250; i += 1) {
      await clockService.reserve(`old-${i}`, [{ variantId: many, quantity: 1 }], 60);
    }
    await service.reserve('fresh', [{ variantId: many, quantity: 1 }], 600);
    expect(await stockOf(prisma, many)).toEqual({ onHand: 500, reserved: 251, available: 249 });
    expect(await service.releaseExpired()).toBe(250);
    expect(await stockOf(prisma, many)).toEqual({ onHand: 500, reserved: 1, available: 499 });
    // 250 sequential reservations: about 3 s alone, beyond 30 s while the end-to-end suite
    // (the smoke test's whole stack) shares the two CPUs and Postgres, as it does in `npm test`.
  }, 120_000);

  it('the expiry job releases on its interval, logs failures instead of throwing, and stops', async () => {
    const m = ids.variant('OX-M');
    await service.reserve('order-job', [{ variantId: m, quantity: 1 }], 1);
    const logged: Array<[string, unknown]> = [];
    const logger = {
      info: (obj: unknown) => logged.push(['info', obj]),
      error: (obj: unknown) => logged.push(['error', obj]),
    } as unknown as Logger;
    const job = service.startExpiryJob({ intervalMs: 100, logger });
    const deadline = Date.now() + 5_000;
    while ((await stockOf(prisma, m)).reserved !== 0 && Date.now() < deadline) await sleep(50);
    await job.stop();
    expect(await stockOf(prisma, m)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    expect(logged).toContainEqual(['info', { released: 1 }]);

    class FailingService extends InventoryService {
      override async releaseExpired(): Promise<number> {
        throw new Error('database is down');
      }
    }
    const failing = new FailingService(prisma).startExpiryJob({ intervalMs: 20, logger });
    await sleep(120);
    await failing.stop();
    const errors = logged.filter(([level]) => level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    // Stopped: no more runs.
    const count = logged.length;
    await sleep(100);
    expect(logged.length).toBe(count);
  });
});

describe('statements per operation', () => {
  it('holds an order of one line with its reservation row in one statement, and commits it in one', async () => {
    const s = ids.variant('OX-S');
    // The order's lock, its rows, the hold with the row, the stock_changed event.
    expect(await sent(() => service.reserve('order-one', [{ variantId: s, quantity: 2 }], 600))).toHaveLength(4);
    const rows = await prisma.stockReservation.findMany({ where: { orderId: 'order-one' } });
    expect(rows.map((r) => [r.variantId, r.quantity, r.status])).toEqual([[s, 2, 'RESERVED']]);
    // One statement outside a transaction: the row locked, the stock moved, the row's status
    // (no event: available is unchanged).
    expect(await sent(() => service.commit('order-one'))).toHaveLength(1);
    expect(await stockOf(prisma, s)).toEqual({ onHand: 8, reserved: 0, available: 8 });
    expect((await prisma.stockReservation.findFirstOrThrow({ where: { orderId: 'order-one' } })).status).toBe(
      'COMMITTED',
    );
    // Two lines: each held, then the rows in one more statement; each settled, then the status.
    const t = ids.variant('TR-1');
    const two = [
      { variantId: s, quantity: 1 },
      { variantId: t, quantity: 1 },
    ];
    expect(await sent(() => service.reserve('order-two', two, 600))).toHaveLength(6);
    expect(await sent(() => service.release('order-two'))).toHaveLength(6);
    expect(await stockOf(prisma, t)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await prisma.stockReservation.count({ where: { orderId: 'order-two', status: 'RELEASED' } })).toBe(2);
  });
});

describe('catalog events', () => {
  const stockEvents = async () =>
    (await outboxEvents(prisma)).filter((e) => e.type === 'ProductUpsertedV1' && e.change === 'stock_changed');

  it('every change of what is available writes one stock_changed event per affected product; a refusal or a commit writes none', async () => {
    const s = ids.variant('OX-S');
    const m = ids.variant('OX-M');
    const t = ids.variant('TR-1');
    const oxford = ids.product('OX-S');
    const runner = ids.product('TR-1');

    // Two variants of one product and one of another: one event per product.
    await service.reserve(
      'order-ev',
      [
        { variantId: s, quantity: 1 },
        { variantId: m, quantity: 1 },
        { variantId: t, quantity: 2 },
      ],
      600,
    );
    let events = await outboxEvents(prisma);
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.type === 'ProductUpsertedV1' && e.change === 'stock_changed')).toBe(true);
    expect(events.map((e) => e.aggregateId).sort()).toEqual([oxford, runner].sort());
    // The documents carry the stock as the change left it.
    const runnerDoc = events.find((e) => e.aggregateId === runner)?.payload.product;
    expect(runnerDoc?.variants.find((v) => v.id === t)?.quantityAvailable).toBe(3);

    // Refused reservations write nothing.
    await service.reserve('order-ev-short', [{ variantId: m, quantity: 3 }], 600);
    await service.reserve('order-ev-ghost', [{ variantId: '00000000-0000-4000-8000-000000000000', quantity: 1 }], 600);
    expect(await stockEvents()).toHaveLength(2);

    // A commit sells held units: on hand and reserved drop together, what is available stays.
    const before = await stockOf(prisma, t);
    expect((await service.commit('order-ev')).changed).toBe(true);
    expect(await stockOf(prisma, t)).toEqual({ ...before, onHand: before.onHand - 2, reserved: before.reserved - 2 });
    expect(await stockEvents()).toHaveLength(2);

    await service.reserve('order-ev-2', [{ variantId: t, quantity: 1 }], 600);
    await service.release('order-ev-2');
    events = await stockEvents();
    expect(events.slice(2).map((e) => e.aggregateId)).toEqual([runner, runner]);

    await service.reserve('order-ev-3', [{ variantId: s, quantity: 1 }], 1);
    await sleep(1_100);
    expect(await service.releaseExpired()).toBe(1);
    events = await stockEvents();
    expect(events.slice(4).map((e) => e.aggregateId)).toEqual([oxford, oxford]);
    expect(events.at(-1)?.payload.product?.variants.find((v) => v.id === s)?.quantityAvailable).toBe(9);
    // Each event bumped the product's version.
    const product = await prisma.product.findUniqueOrThrow({ where: { id: oxford } });
    expect(Number(product.version)).toBe(1 + 3);
  });
});
