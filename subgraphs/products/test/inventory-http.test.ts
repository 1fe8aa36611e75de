import { randomUUID } from 'node:crypto';
import { internalCallHeaders } from '@storegraph/auth';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { InventoryService } from '../src/inventory/inventory.service.js';
import { resetInventory, startInventoryServer, stockOf } from './inventory-server.js';

const SECRET = 'inventory-test-internal-secret-0123456789';
const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const service = new InventoryService(prisma);
let url: string;
let stop: () => Promise<void>;
let ids: Awaited<ReturnType<typeof resetInventory>>;

const proof = (secret = SECRET) =>
  internalCallHeaders(secret, { requestId: randomUUID(), clientIp: '', authorization: undefined });

async function call(path: string, body: unknown, headers: Record<string, string> = proof()) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}

/** A response must never carry a stack trace, SQL or driver internals. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/at .*\.(ts|js):\d+|SELECT|UPDATE|INSERT|prisma|postgres|SyntaxError|stack/i);
}

beforeAll(async () => {
  ({ url, stop } = await startInventoryServer({ service, internalSecret: SECRET, logger: silentLogger() }));
});

beforeEach(async () => {
  ids = await resetInventory(prisma);
});

afterAll(async () => {
  await stop();
  await prisma.$disconnect();
});

describe('internal proof', () => {
  it('refuses a request without a proof (401), before touching stock', async () => {
    const body = { orderId: 'h-1', lines: [{ variantId: ids.variant('OX-S'), quantity: 1 }], ttlSeconds: 60 };
    for (const path of [
      '/internal/inventory/reservations',
      '/internal/inventory/reservations/h-1/commit',
      '/internal/inventory/reservations/h-1/release',
    ]) {
      const res = await call(path, body, {});
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: 'internal only' });
    }
    expect(await stockOf(prisma, ids.variant('OX-S'))).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('refuses a proof signed with another secret, and a proof for another request id', async () => {
    const body = { orderId: 'h-2', lines: [{ variantId: ids.variant('OX-S'), quantity: 1 }], ttlSeconds: 60 };
    const wrong = await call('/internal/inventory/reservations', body, proof('some-other-secret-9876543210'));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: 'internal only' });
    const replayed = { ...proof(), 'x-request-id': randomUUID() };
    expect((await call('/internal/inventory/reservations', body, replayed)).status).toBe(401);
    // Malformed JSON without a proof is refused as unauthorised, not parsed.
    expect((await call('/internal/inventory/reservations', '{nope', {})).status).toBe(401);
    expect(await prisma.stockReservation.count()).toBe(0);
  });

  it('leaves other paths alone', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
  });
});

describe('reservations over HTTP', () => {
  it('reserves (200), commits (200) and answers the codes of the wrong states', async () => {
    const s = ids.variant('OX-S');
    const reserved = await call('/internal/inventory/reservations', {
      orderId: 'h-order',
      lines: [{ variantId: s, quantity: 2 }],
      ttlSeconds: 300,
    });
    expect(reserved.status).toBe(200);
    expect(reserved.json).toMatchObject({
      status: 'RESERVED',
      orderId: 'h-order',
      replayed: false,
      lines: [
        {
          variantId: s,
          sku: 'OX-S',
          productTitle: 'Oxford Shirt',
          variantTitle: 'S',
          quantity: 2,
          unitPriceMinor: 4999,
          currencyCode: 'USD',
        },
      ],
    });
    const expiresAt = Date.parse(reserved.json.expiresAt as string);
    expect(expiresAt).toBeGreaterThan(Date.now() + 290_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 2, available: 8 });

    const again = await call('/internal/inventory/reservations', {
      orderId: 'h-order',
      lines: [{ variantId: s, quantity: 2 }],
      ttlSeconds: 300,
    });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...reserved.json, replayed: true });

    const reused = await call('/internal/inventory/reservations', {
      orderId: 'h-order',
      lines: [{ variantId: s, quantity: 5 }],
      ttlSeconds: 300,
    });
    expect(reused.status).toBe(409);
    expect(reused.json).toMatchObject({ code: 'ORDER_ID_REUSED' });

    const committed = await call('/internal/inventory/reservations/h-order/commit', {});
    expect(committed.status).toBe(200);
    expect(committed.json).toEqual({
      orderId: 'h-order',
      status: 'COMMITTED',
      changed: true,
      lines: [{ variantId: s, quantity: 2 }],
    });
    expect(await stockOf(prisma, s)).toEqual({ onHand: 8, reserved: 0, available: 8 });
    expect((await call('/internal/inventory/reservations/h-order/commit', {})).json).toMatchObject({ changed: false });

    const release = await call('/internal/inventory/reservations/h-order/release', {});
    expect(release.status).toBe(409);
    expect(release.json).toMatchObject({ code: 'ALREADY_COMMITTED' });

    const unknown = await call('/internal/inventory/reservations/nobody/commit', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: 'NOT_FOUND' });
    const releaseUnknown = await call('/internal/inventory/reservations/nobody/release', {});
    expect(releaseUnknown.status).toBe(200);
    expect(releaseUnknown.json).toEqual({ orderId: 'nobody', status: 'RELEASED', changed: false, lines: [] });
  });

  it('releases (200) and answers RESERVATION_EXPIRED (409) for a commit after release', async () => {
    const m = ids.variant('OX-M');
    await call('/internal/inventory/reservations', {
      orderId: 'h-rel',
      lines: [{ variantId: m, quantity: 1 }],
      ttlSeconds: 60,
    });
    const released = await call('/internal/inventory/reservations/h-rel/release', undefined);
    expect(released.status).toBe(200);
    expect(released.json).toMatchObject({ status: 'RELEASED', changed: true });
    expect(await stockOf(prisma, m)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    const commit = await call('/internal/inventory/reservations/h-rel/commit', {});
    expect(commit.status).toBe(409);
    expect(commit.json).toMatchObject({ code: 'RESERVATION_EXPIRED' });
  });

  it('answers 409 OUT_OF_STOCK with the shortages, and 404 VARIANT_NOT_FOUND', async () => {
    const m = ids.variant('OX-M');
    const s = ids.variant('OX-S');
    const res = await call('/internal/inventory/reservations', {
      orderId: 'h-short',
      lines: [
        { variantId: s, quantity: 1 },
        { variantId: m, quantity: 4 },
      ],
      ttlSeconds: 60,
    });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      status: 'OUT_OF_STOCK',
      orderId: 'h-short',
      shortages: [{ variantId: m, requested: 4, available: 3, reason: 'INSUFFICIENT_STOCK' }],
    });
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 0, available: 10 });

    const ghost = await call('/internal/inventory/reservations', {
      orderId: 'h-ghost',
      lines: [{ variantId: ids.variant('RH-1'), quantity: 1 }],
      ttlSeconds: 60,
    });
    expect(ghost.status).toBe(404);
    expect(ghost.json).toMatchObject({ status: 'VARIANT_NOT_FOUND' });
  });

  it('quotes lines with the prices a reservation would answer, holding nothing (200, 409, 404, 400)', async () => {
    const s = ids.variant('OX-S');
    const m = ids.variant('OX-M');
    const quote = await call('/internal/inventory/quotes', {
      lines: [
        { variantId: m, quantity: 1 },
        { variantId: s, quantity: 2 },
        { variantId: s, quantity: 1 },
      ],
    });
    expect(quote.status).toBe(200);
    expect(quote.json.status).toBe('PRICED');
    const reserved = await call('/internal/inventory/reservations', {
      orderId: 'h-quote',
      lines: [
        { variantId: s, quantity: 3 },
        { variantId: m, quantity: 1 },
      ],
      ttlSeconds: 60,
    });
    // The same lines, prices and titles as the reservation of the same cart (merged, by variant id).
    expect(quote.json.lines).toEqual(reserved.json.lines);
    expect(
      (quote.json.lines as Array<{ sku: string; unitPriceMinor: number }>).map((l) => [l.sku, l.unitPriceMinor]),
    ).toEqual(
      expect.arrayContaining([
        ['OX-S', 4999],
        ['OX-M', 5499],
      ]),
    );
    await call('/internal/inventory/reservations/h-quote/release', {});
    expect(await stockOf(prisma, s)).toEqual({ onHand: 10, reserved: 0, available: 10 });

    const short = await call('/internal/inventory/quotes', { lines: [{ variantId: m, quantity: 4 }] });
    expect(short.status).toBe(409);
    expect(short.json).toEqual({
      status: 'OUT_OF_STOCK',
      shortages: [{ variantId: m, requested: 4, available: 3, reason: 'INSUFFICIENT_STOCK' }],
    });
    const gone = await call('/internal/inventory/quotes', {
      lines: [
        { variantId: ids.variant('RH-1'), quantity: 1 },
        { variantId: randomUUID(), quantity: 1 },
      ],
    });
    expect(gone.status).toBe(404);
    expect(gone.json.status).toBe('VARIANT_NOT_FOUND');
    expect((gone.json.shortages as unknown[]).length).toBe(2);
    const bad = await call('/internal/inventory/quotes', { lines: [{ variantId: 'nope', quantity: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('INVALID_INPUT');
    expectNoInternals(bad.text);
    expect(await prisma.stockReservation.count({ where: { status: 'RESERVED' } })).toBe(0);
  });

  it.each([
    ['malformed JSON', '{"orderId": "x", lines: ['],
    ['a JSON array', '[1, 2]'],
    ['a JSON string', '"hello"'],
    ['no lines', { orderId: 'h-bad', ttlSeconds: 60 }],
    ['a bad order id', { orderId: "x'; DROP TABLE products; --", lines: [], ttlSeconds: 60 }],
    ['a bad quantity', { orderId: 'h-bad', lines: [{ variantId: randomUUID(), quantity: -1 }], ttlSeconds: 60 }],
    ['a bad variant id', { orderId: 'h-bad', lines: [{ variantId: 'nope', quantity: 1 }], ttlSeconds: 60 }],
    ['a bad ttl', { orderId: 'h-bad', lines: [{ variantId: randomUUID(), quantity: 1 }], ttlSeconds: 'soon' }],
  ])('answers 400 for %s, without internals', async (_name, body) => {
    const res = await call('/internal/inventory/reservations', body);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('INVALID_INPUT');
    expect(typeof res.json.error).toBe('string');
    expectNoInternals(res.text);
    expect(await prisma.stockReservation.count()).toBe(0);
  });

  it('answers 400 for an invalid order id in the path', async () => {
    const res = await call(`/internal/inventory/reservations/${'x'.repeat(101)}/commit`, {});
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('INVALID_INPUT');
  });

  it('answers 500 without internals when the database fails', async () => {
    const broken = createPrismaClient('postgresql://postgres@127.0.0.1:5432/no_such_database_for_inventory');
    const server = await startInventoryServer({
      service: new InventoryService(broken),
      internalSecret: SECRET,
      logger: silentLogger(),
    });
    try {
      const res = await fetch(`${server.url}/internal/inventory/reservations/h-500/commit`, {
        method: 'POST',
        headers: proof(),
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: 'internal error' });
      expectNoInternals(text);
    } finally {
      await server.stop();
      await broken.$disconnect();
    }
  });
});
