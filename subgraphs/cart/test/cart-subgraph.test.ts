import { randomUUID } from 'node:crypto';
import { createFailFastRedis as createRedis } from '@storegraph/service';
import { silentLogger, testRedisUrl } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCartServer } from '../src/server.js';
import { FakeCatalog } from './fake-catalog.js';

const catalog = new FakeCatalog();
const shirt = catalog.add(2599, 5);
const socks = catalog.add(499, 200);
const prefix = `${process.env.CART_TEST_PREFIX}subgraph:`;

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
    keyPrefix: prefix,
    productsUrl: 'http://127.0.0.1:9/graphql',
    catalog,
  });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('cart subgraph on Redis', () => {
  it('creates an empty guest cart with an unguessable id that expires', async () => {
    const res = await gql(CREATE);
    const cart = res.data.cartCreate.cart;
    expect(cart).toMatchObject({ totalQuantity: 0, lines: [], subtotal: { amount: '0.00', currencyCode: 'USD' } });
    expect(cart.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const ttl = await redis.ttl(`${prefix}cart:${cart.id}`);
    expect(ttl).toBeGreaterThan(6 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
  });

  it('creates a cart with lines priced live, in one catalog call per request', async () => {
    catalog.calls = 0;
    const created = await gql(CREATE, {
      lines: [
        { variantId: shirt, quantity: 2 },
        { variantId: socks, quantity: 3 },
      ],
    });
    expect(created.data.cartCreate.userErrors).toEqual([]);
    expect(catalog.calls).toBe(1);
    const id = created.data.cartCreate.cart.id;
    catalog.set(shirt, { priceMinor: 1999 });
    catalog.calls = 0;
    const read = await gql(
      'query($id: ID!) { cart(id: $id) { totalQuantity subtotal { amount } lines { id quantity unitPrice { amount } lineTotal { amount } } } }',
      { id },
    );
    expect(read.data.cart).toEqual({
      totalQuantity: 5,
      subtotal: { amount: '54.95' },
      lines: [
        { id: `${id}.${shirt}`, quantity: 2, unitPrice: { amount: '19.99' }, lineTotal: { amount: '39.98' } },
        { id: `${id}.${socks}`, quantity: 3, unitPrice: { amount: '4.99' }, lineTotal: { amount: '14.97' } },
      ],
    });
    expect(catalog.calls).toBe(1);
  });

  it('stores nothing when a line is refused', async () => {
    const before = (await redis.keys(`${prefix}*`)).length;
    const res = await gql(CREATE, {
      lines: [
        { variantId: shirt, quantity: 1 },
        { variantId: randomUUID(), quantity: 1 },
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
    expect((await redis.keys(`${prefix}*`)).length).toBe(before);
  });

  it('answers null for unknown or malformed cart ids, and refuses oversized requests', async () => {
    expect(
      (await gql('query($id: ID!) { cart(id: $id) { id } }', { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' })).data.cart,
    ).toBeNull();
    expect((await gql('query($id: ID!) { cart(id: $id) { id } }', { id: "../../etc'" })).data.cart).toBeNull();
    const huge = await gql(CREATE, { lines: Array.from({ length: 401 }, () => ({ variantId: socks, quantity: 1 })) });
    expect(huge.errors[0].extensions.code).toBe('BAD_USER_INPUT');
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
      const read = await gql('query($id: ID!) { cart(id: $id) { id } }', { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' }, deadUrl);
      const write = await gql(CREATE, { lines: [{ variantId: socks, quantity: 1 }] }, deadUrl);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(read.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(write.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify([read.errors, write.errors])).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|writeable/);
      expect((await fetch(`${deadUrl}/readyz`)).status).toBe(503);
    } finally {
      await service.stop();
    }
  });
});
