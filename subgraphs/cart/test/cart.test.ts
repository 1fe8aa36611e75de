import { randomUUID } from 'node:crypto';
import { createFailFastRedis as createRedis } from '@storegraph/service';
import { silentLogger, testRedisUrl } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPort, VariantOffer } from '../src/domain/cart.js';
import { validateLines } from '../src/domain/cart-input.js';
import { createCartServer } from '../src/server.js';

/** The products subgraph's answers, fixed for these tests (the e2e suite uses the real one). */
const offers = new Map<string, VariantOffer>([
  ['v-shirt', { variantId: 'v-shirt', priceMinor: 2599, currencyCode: 'USD', quantityAvailable: 5 }],
  ['v-socks', { variantId: 'v-socks', priceMinor: 499, currencyCode: 'USD', quantityAvailable: 200 }],
  ['v-yen', { variantId: 'v-yen', priceMinor: 1200, currencyCode: 'JPY', quantityAvailable: 9 }],
]);
let catalogCalls = 0;
const catalog: CatalogPort = {
  async offers(ids) {
    catalogCalls += 1;
    return new Map(ids.flatMap((id) => (offers.has(id) ? [[id, offers.get(id) as VariantOffer]] : [])));
  },
};

const redis = createRedis(testRedisUrl());
let url: string;
let stop: () => Promise<void>;

async function gql(query: string, variables: Record<string, unknown> = {}, target = url) {
  const res = await fetch(`${target}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

const CREATE = `mutation($lines: [CartLineInput!]) { cartCreate(lines: $lines) {
  cart { id totalQuantity subtotal { amount currencyCode } lines { id quantity unitPrice { amount } lineTotal { amount } variant { id } } }
  userErrors { code field message } } }`;

beforeAll(async () => {
  await redis.connect();
  const service = await createCartServer({
    logger: silentLogger(),
    redis,
    keyPrefix: process.env.CART_TEST_PREFIX as string,
    productsUrl: 'http://127.0.0.1:9/graphql',
    catalog,
  });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('validateLines', () => {
  it('merges lines of the same variant and checks every limit', () => {
    const merged = validateLines(
      [
        { variantId: 'v-shirt', quantity: 2 },
        { variantId: 'v-shirt', quantity: 1 },
      ],
      offers,
    );
    expect(merged).toEqual({ lines: [{ variantId: 'v-shirt', quantity: 3 }], errors: [] });
    const refused = validateLines(
      [
        { variantId: 'v-shirt', quantity: 6 },
        { variantId: 'v-socks', quantity: 100 },
        { variantId: 'v-gone', quantity: 1 },
        { variantId: 'v-socks', quantity: 0 },
      ],
      offers,
    );
    expect(refused.errors.map((e) => e.code).sort()).toEqual([
      'INSUFFICIENT_STOCK',
      'INVALID_QUANTITY',
      'INVALID_QUANTITY',
      'VARIANT_NOT_FOUND',
    ]);
    expect(
      validateLines(
        [
          { variantId: 'v-shirt', quantity: 1 },
          { variantId: 'v-yen', quantity: 1 },
        ],
        offers,
      ).errors[0]?.code,
    ).toBe('CURRENCY_MISMATCH');
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ variantId: `x-${i}`, quantity: 1 }));
    expect(validateLines(tooMany, offers).errors.some((e) => e.code === 'CART_FULL')).toBe(true);
  });
});

describe('cart subgraph on Redis', () => {
  it('creates an empty guest cart with an unguessable id that expires', async () => {
    const res = await gql(CREATE);
    const cart = res.data.cartCreate.cart;
    expect(cart).toMatchObject({ totalQuantity: 0, lines: [], subtotal: { amount: '0.00', currencyCode: 'USD' } });
    expect(cart.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const ttl = await redis.ttl(`${process.env.CART_TEST_PREFIX}cart:${cart.id}`);
    expect(ttl).toBeGreaterThan(6 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
  });

  it('creates a cart with lines priced live, in one catalog call per request', async () => {
    const created = await gql(CREATE, {
      lines: [
        { variantId: 'v-shirt', quantity: 2 },
        { variantId: 'v-socks', quantity: 3 },
      ],
    });
    expect(created.data.cartCreate.userErrors).toEqual([]);
    const id = created.data.cartCreate.cart.id;
    offers.set('v-shirt', { ...(offers.get('v-shirt') as VariantOffer), priceMinor: 1999 });
    catalogCalls = 0;
    const read = await gql(
      'query($id: ID!) { cart(id: $id) { totalQuantity subtotal { amount } lines { quantity unitPrice { amount } lineTotal { amount } } } }',
      { id },
    );
    expect(read.data.cart).toEqual({
      totalQuantity: 5,
      subtotal: { amount: '54.95' },
      lines: [
        { quantity: 2, unitPrice: { amount: '19.99' }, lineTotal: { amount: '39.98' } },
        { quantity: 3, unitPrice: { amount: '4.99' }, lineTotal: { amount: '14.97' } },
      ],
    });
    expect(catalogCalls).toBe(1);
  });

  it('stores nothing when a line is refused', async () => {
    const before = (await redis.keys(`${process.env.CART_TEST_PREFIX}*`)).length;
    const res = await gql(CREATE, {
      lines: [
        { variantId: 'v-shirt', quantity: 1 },
        { variantId: 'v-gone', quantity: 1 },
      ],
    });
    expect(res.data.cartCreate.cart).toBeNull();
    expect(res.data.cartCreate.userErrors).toEqual([
      {
        code: 'VARIANT_NOT_FOUND',
        field: ['lines', '1', 'variantId'],
        message: 'This product variant does not exist.',
      },
    ]);
    expect((await redis.keys(`${process.env.CART_TEST_PREFIX}*`)).length).toBe(before);
  });

  it('answers null for unknown or malformed cart ids', async () => {
    expect(
      (await gql('query($id: ID!) { cart(id: $id) { id } }', { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' })).data.cart,
    ).toBeNull();
    expect((await gql('query($id: ID!) { cart(id: $id) { id } }', { id: "../../etc'" })).data.cart).toBeNull();
  });

  it('fails fast with SERVICE_UNAVAILABLE when Redis is down, and says so in readiness', async () => {
    const dead = createRedis('redis://127.0.0.1:9/0');
    dead.on('error', () => {});
    await dead.connect().catch(() => undefined);
    const service = await createCartServer({
      logger: silentLogger(),
      redis: dead,
      keyPrefix: `t:${randomUUID()}:`,
      productsUrl: 'http://127.0.0.1:9/graphql',
      catalog,
    });
    const { url: deadUrl } = await service.listen(0);
    try {
      const started = Date.now();
      const res = await gql('query($id: ID!) { cart(id: $id) { id } }', { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' }, deadUrl);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(res.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(res.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      expect((await fetch(`${deadUrl}/readyz`)).status).toBe(503);
    } finally {
      await service.stop();
    }
  });
});
