import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { InventoryService } from '../src/inventory/inventory.service.js';
import { outboxEvents, resetInventory, stockOf } from './inventory-server.js';

// Enough pooled connections that the parallel calls really run in parallel transactions.
const prisma = createPrismaClient(process.env.DATABASE_URL as string, { max: 20 });
const service = new InventoryService(prisma, { maxWaitMs: 30_000 });

afterAll(async () => {
  await prisma.$disconnect();
});

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Samples the variant's stock while `work` runs; every sample must be a legal state. */
async function watchStock<T>(variantId: string, work: Promise<T>): Promise<T> {
  const samples: Array<{ onHand: number; reserved: number; available: number }> = [];
  let done = false;
  const watcher = (async () => {
    while (!done) {
      samples.push(await stockOf(prisma, variantId));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  try {
    return await work;
  } finally {
    done = true;
    await watcher;
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) {
      expect(s.reserved).toBeGreaterThanOrEqual(0);
      expect(s.available).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeLessThanOrEqual(s.onHand);
    }
  }
}

describe('concurrent reservations', () => {
  it('50 parallel one-unit reservations of a variant with 5 available: exactly 5 succeed', async () => {
    const ids = await resetInventory(prisma, [{ sku: 'HOT', quantityOnHand: 5 }]);
    const hot = ids.variant('HOT');
    const results = (await watchStock(
      hot,
      Promise.all(
        Array.from({ length: 50 }, (_, i) => service.reserve(`race-${i}`, [{ variantId: hot, quantity: 1 }], 600)),
      ),
    )) as Awaited<ReturnType<InventoryService['reserve']>>[];

    const reserved = results.filter((r) => r.status === 'RESERVED');
    const refused = results.filter((r) => r.status === 'OUT_OF_STOCK');
    expect(reserved).toHaveLength(5);
    expect(refused).toHaveLength(45);
    for (const r of refused) {
      if (r.status !== 'OUT_OF_STOCK') continue;
      expect(r.shortages).toEqual([{ variantId: hot, requested: 1, available: 0, reason: 'INSUFFICIENT_STOCK' }]);
    }
    expect(await stockOf(prisma, hot)).toEqual({ onHand: 5, reserved: 5, available: 0 });
    expect(await prisma.stockReservation.count({ where: { variantId: hot, status: 'RESERVED' } })).toBe(5);
    // One event per successful reservation, none for the refusals.
    expect(await outboxEvents(prisma)).toHaveLength(5);
  });

  it('50 parallel multi-line reservations across 3 variants in shuffled line orders: no deadlock, all or nothing', async () => {
    const ids = await resetInventory(prisma, [
      { sku: 'A', quantityOnHand: 1000 },
      { sku: 'B', quantityOnHand: 1000 },
      { sku: 'C', quantityOnHand: 20 },
    ]);
    const variants = ['A', 'B', 'C'].map((sku) => ids.variant(sku));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        service.reserve(
          `multi-${i}`,
          shuffled(variants).map((variantId) => ({ variantId, quantity: 1 })),
          600,
        ),
      ),
    );
    // Every call answered (a deadlock would have rejected some); C had room for 20 orders.
    const reserved = results.filter((r) => r.status === 'RESERVED').length;
    expect(reserved).toBe(20);
    expect(results.filter((r) => r.status === 'OUT_OF_STOCK')).toHaveLength(30);
    const [a, b, c] = variants as [string, string, string];
    // All or nothing: the refused orders held nothing of A or B.
    expect(await stockOf(prisma, a)).toEqual({ onHand: 1000, reserved: 20, available: 980 });
    expect(await stockOf(prisma, b)).toEqual({ onHand: 1000, reserved: 20, available: 980 });
    expect(await stockOf(prisma, c)).toEqual({ onHand: 20, reserved: 20, available: 0 });
  });

  it('reserve, commit, release and expiry racing on shared variants leave consistent stock', async () => {
    const ids = await resetInventory(prisma, [
      { sku: 'P', quantityOnHand: 500 },
      { sku: 'Q', quantityOnHand: 500 },
    ]);
    const [p, q] = [ids.variant('P'), ids.variant('Q')];
    const lines = () => shuffled([p, q]).map((variantId) => ({ variantId, quantity: 2 }));
    // Some reservations exist already, half of them expired.
    const past = new InventoryService(prisma, { now: () => new Date(Date.now() - 3_600_000) });
    for (let i = 0; i < 20; i += 1) await (i % 2 ? service : past).reserve(`pre-${i}`, lines(), 600);
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 20; i += 1) {
      work.push(service.reserve(`new-${i}`, lines(), 600));
      work.push(i % 2 ? service.commit(`pre-${i}`) : service.release(`pre-${i}`));
      if (i % 5 === 0) work.push(service.releaseExpired());
      // The same order id from two callers at once.
      work.push(service.reserve(`new-${i}`, lines(), 600));
    }
    const outcomes = await Promise.allSettled(work);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    // pre-odd: 10 orders committed (2 units of each variant); pre-even: released; new-*: 20 orders held.
    for (const v of [p, q]) {
      expect(await stockOf(prisma, v)).toEqual({ onHand: 500 - 10 * 2, reserved: 20 * 2, available: 440 });
    }
    expect(await prisma.stockReservation.count({ where: { status: 'COMMITTED' } })).toBe(20);
    expect(await prisma.stockReservation.count({ where: { status: 'RELEASED' } })).toBe(20);
    expect(await prisma.stockReservation.count({ where: { status: 'RESERVED' } })).toBe(40);
  });

  it('one-line orders committed in one statement while the same orders are committed again, released and expired', async () => {
    const ids = await resetInventory(prisma, [{ sku: 'H', quantityOnHand: 300 }]);
    const h = ids.variant('H');
    // 40 one-line orders of 3 units; the even ones already past their expiry time.
    const past = new InventoryService(prisma, { now: () => new Date(Date.now() - 3_600_000) });
    for (let i = 0; i < 40; i += 1)
      await (i % 2 ? service : past).reserve(`one-${i}`, [{ variantId: h, quantity: 3 }], 600);
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        (r) => ((r as { changed: boolean }).changed ? 'changed' : 'unchanged'),
        (e: { code?: string }) => e.code ?? 'error',
      );
    const work: Array<Promise<[string, string, string]>> = [];
    for (let i = 0; i < 40; i += 1) {
      const order = `one-${i}`;
      // Two commits of each order at once (a redelivered payment event), and for every
      // third order a release racing them (a compensation).
      work.push(
        Promise.all([
          codeOf(service.commit(order)),
          codeOf(service.commit(order)),
          i % 3 === 0 ? codeOf(service.release(order)) : Promise.resolve('none'),
        ]),
      );
      if (i % 8 === 0) void service.releaseExpired();
    }
    const outcomes = await watchStock(h, Promise.all(work));
    await service.releaseExpired();
    let committed = 0;
    for (const [i, [a, b, release]] of outcomes.entries()) {
      const status = (await prisma.stockReservation.findFirstOrThrow({ where: { orderId: `one-${i}` } })).status;
      if (status === 'COMMITTED') {
        committed += 1;
        // Exactly one commit moved the stock; the other saw it done; a release was refused.
        expect([a, b].sort()).toEqual(['changed', 'unchanged']);
        expect(['none', 'ALREADY_COMMITTED']).toContain(release);
      } else {
        expect(status).toBe('RELEASED');
        expect([a, b]).toEqual(['RESERVATION_EXPIRED', 'RESERVATION_EXPIRED']);
      }
    }
    expect(committed).toBeGreaterThan(0);
    expect(await stockOf(prisma, h)).toEqual({
      onHand: 300 - 3 * committed,
      reserved: 0,
      available: 300 - 3 * committed,
    });
  });
});
