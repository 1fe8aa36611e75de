import { randomUUID } from 'node:crypto';
import { internalCallHeaders } from '@storegraph/auth';
import { EVENT_JOB_OPTIONS, type OrderEventEnvelope, orderEventQueues } from '@storegraph/events';
import { seedCatalog } from '@storegraph/products/seed';
import { testRedisUrl } from '@storegraph/testkit';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CART_OPS, cartMutation, customer, productWithVariants } from './cart-fixtures.js';
import { INTERNAL_SECRET, type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let variant: string;
let connection: Redis;
let orderQueue: Queue;

const proof = (requestId = 'e2e-checkout') =>
  internalCallHeaders(INTERNAL_SECRET, { requestId, clientIp: '', authorization: undefined });

/** Calls the cart subgraph's internal API as the orders service does. */
async function internal(method: string, path: string, body?: unknown, headers: Record<string, string> = proof()) {
  const res = await fetch(new URL(path, sg.subgraphUrls.cart), {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const lock = (cartId: string, checkoutId: string, customerId: string | null = null, ttlSeconds = 60) =>
  internal('POST', `/internal/carts/${cartId}/checkout`, { checkoutId, customerId, ttlSeconds });

/** Publishes OrderPaidV1 as the orders service does: one job per event, its id the event id. */
async function publishPaid(orderId: string, cartId: string | null, customerId: string | null) {
  const eventId = randomUUID();
  const envelope: OrderEventEnvelope = {
    id: eventId,
    occurredAt: new Date().toISOString(),
    aggregateId: orderId,
    event: { type: 'OrderPaidV1', orderId, cartId, customerId },
  };
  await orderQueue.add('OrderPaidV1', envelope, { ...EVENT_JOB_OPTIONS, jobId: eventId });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await orderQueue.getJobState(eventId)) === 'completed') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`order event ${eventId} was not consumed`);
}

beforeAll(async () => {
  sg = await startSupergraph();
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 150 });
  [variant] = (await productWithVariants(sg, await sg.bearer(randomUUID(), 'ADMIN'), [
    { price: '4.00', stock: 100 },
  ])) as [string];
  connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  [orderQueue] = orderEventQueues(['cart'], { connection, prefix: sg.queuePrefix }) as [Queue];
});

afterAll(async () => {
  await orderQueue?.close();
  connection?.disconnect();
  await sg?.stop();
});

describe('the internal checkout API of the cart service', () => {
  it('answers 401 to every route without a valid internal proof, before reading the body', async () => {
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 1 }] });
    const forged = { 'x-storegraph-proof': `v1.${Math.floor(Date.now() / 1000)}.${'0'.repeat(64)}` };
    for (const headers of [{}, forged]) {
      for (const [method, path] of [
        ['POST', `/internal/carts/${cart.id}/checkout`],
        ['DELETE', `/internal/carts/${cart.id}/checkout/c-1`],
        ['POST', '/internal/carts/clear'],
        ['GET', '/internal/carts/anything'],
      ] as const) {
        const res = await internal(method, path, method === 'POST' ? { checkoutId: 'c-1' } : undefined, headers);
        expect(res).toEqual({ status: 401, body: { error: 'internal only' } });
      }
    }
    expect((await sg.gql(CART_OPS.read, { id: cart.id })).data.cart.totalQuantity).toBe(1);
  });

  it('locks a cart for one checkout with a snapshot, blocks changes, and releases', async () => {
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 3 }] });
    const started = Date.now();
    const locked = await lock(cart.id, 'checkout-a', null, 120);
    expect(locked.status).toBe(200);
    expect(locked.body).toEqual({
      cartId: cart.id,
      currencyCode: 'USD',
      lines: [{ lineId: `${cart.id}.${variant}`, variantId: variant, quantity: 3 }],
      lockedUntil: expect.any(String),
    });
    const until = Date.parse(locked.body.lockedUntil);
    expect(until).toBeGreaterThanOrEqual(started + 119_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 121_000);
    // The same checkout asking again gets the same lock; another checkout is refused.
    expect(await lock(cart.id, 'checkout-a', null, 120)).toEqual(locked);
    expect(await lock(cart.id, 'checkout-b')).toEqual({
      status: 409,
      body: { error: 'cart_locked', code: 'CART_LOCKED' },
    });
    const blocked = await cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: variant, quantity: 1 }] });
    expect(blocked.userErrors.map((e: any) => e.code)).toEqual(['CART_LOCKED']);

    expect(await internal('DELETE', `/internal/carts/${cart.id}/checkout/checkout-b`)).toEqual({
      status: 200,
      body: { released: false },
    });
    expect(await internal('DELETE', `/internal/carts/${cart.id}/checkout/checkout-a`)).toEqual({
      status: 200,
      body: { released: true },
    });
    const open = await cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: variant, quantity: 1 }] });
    expect(open.userErrors).toEqual([]);
    expect(open.cart.totalQuantity).toBe(4);
    expect((await lock(cart.id, 'checkout-b')).body.lines[0].quantity).toBe(4);
  });

  it("reads a cart's lines without locking it (price previews), with the same owner rule as the lock", async () => {
    const ada = await customer(sg);
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 2 }] }, ada.headers);
    const read = await internal('GET', `/internal/carts/${cart.id}?customerId=${ada.id}`);
    expect(read).toEqual({
      status: 200,
      body: {
        cartId: cart.id,
        currencyCode: 'USD',
        lines: [{ lineId: `${cart.id}.${variant}`, variantId: variant, quantity: 2 }],
      },
    });
    // Nothing was locked: the cart still changes, and a checkout can still lock it.
    const added = await cartMutation(
      sg,
      'add',
      { cartId: cart.id, lines: [{ variantId: variant, quantity: 1 }] },
      ada.headers,
    );
    expect(added.userErrors).toEqual([]);
    const notFound = { status: 404, body: { error: 'cart_not_found', code: 'CART_NOT_FOUND' } };
    expect(await internal('GET', `/internal/carts/${cart.id}`)).toEqual(notFound);
    expect(await internal('GET', `/internal/carts/${cart.id}?customerId=${randomUUID()}`)).toEqual(notFound);
    expect(await internal('GET', '/internal/carts/AAAAAAAAAAAAAAAAAAAAAAAA')).toEqual(notFound);
    expect((await internal('GET', `/internal/carts/${cart.id}?customerId=nope`)).body.code).toBe('INVALID_INPUT');
    const guest = await cartMutation(sg, 'create', {});
    expect(await internal('GET', `/internal/carts/${guest.cart.id}`)).toEqual({
      status: 409,
      body: { error: 'cart_empty', code: 'CART_EMPTY' },
    });
    expect((await lock(cart.id, 'after-read', ada.id)).body.lines[0].quantity).toBe(3);
    await internal('DELETE', `/internal/carts/${cart.id}/checkout/after-read`);
  });

  it("answers 404 for unknown carts and for a customer's cart asked for anyone else, 409 for an empty cart, 400 for bad input", async () => {
    const ada = await customer(sg);
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 1 }] }, ada.headers);
    const notFound = { status: 404, body: { error: 'cart_not_found', code: 'CART_NOT_FOUND' } };
    expect(await lock(cart.id, 'c-1', null)).toEqual(notFound);
    expect(await lock(cart.id, 'c-1', randomUUID())).toEqual(notFound);
    expect(await lock('AAAAAAAAAAAAAAAAAAAAAAAA', 'c-1')).toEqual(notFound);
    expect(await lock('not a cart id', 'c-1')).toEqual(notFound);
    expect((await lock(cart.id, 'c-1', ada.id)).status).toBe(200);
    const empty = await cartMutation(sg, 'create', {});
    expect(await lock(empty.cart.id, 'c-2')).toEqual({
      status: 409,
      body: { error: 'cart_empty', code: 'CART_EMPTY' },
    });
    for (const body of [
      { checkoutId: '', customerId: null },
      { checkoutId: 'c 3', customerId: null },
      { checkoutId: 'c-3', customerId: 'someone' },
      { checkoutId: 'c-3', customerId: null, ttlSeconds: 86_400 },
      { checkoutId: 'c-3', customerId: null, extra: true },
      [],
    ]) {
      const res = await internal('POST', `/internal/carts/${empty.cart.id}/checkout`, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_INPUT');
    }
  });
});

describe('paid orders clear their carts (OrderPaidV1 from the order queue)', () => {
  it('deletes a paid guest cart once; a redelivered event changes nothing', async () => {
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 2 }] });
    await lock(cart.id, 'checkout-paid-guest');
    const orderId = randomUUID();
    await publishPaid(orderId, cart.id, null);
    expect((await sg.gql(CART_OPS.read, { id: cart.id })).data.cart).toBeNull();
    // Delivered again under another event id: the order was handled, nothing happens.
    await publishPaid(orderId, cart.id, null);
    expect((await sg.gql(CART_OPS.read, { id: cart.id })).data.cart).toBeNull();
  });

  it("empties and unlocks a customer's paid cart exactly once, keeping what is added afterwards", async () => {
    const ada = await customer(sg);
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 2 }] }, ada.headers);
    expect((await lock(cart.id, 'checkout-paid', ada.id)).status).toBe(200);
    const orderId = randomUUID();
    await publishPaid(orderId, cart.id, ada.id);
    const after = await sg.gql(CART_OPS.mine, {}, ada.headers);
    expect(after.data.me.cart).toMatchObject({ id: cart.id, lines: [], totalQuantity: 0 });
    const refilled = await cartMutation(
      sg,
      'add',
      { cartId: cart.id, lines: [{ variantId: variant, quantity: 1 }] },
      ada.headers,
    );
    expect(refilled.userErrors).toEqual([]);
    await publishPaid(orderId, cart.id, ada.id);
    expect((await sg.gql(CART_OPS.mine, {}, ada.headers)).data.me.cart.totalQuantity).toBe(1);
  });

  it("clears through the internal route too (the customer's cart when no cart id is given), once per order", async () => {
    const grace = await customer(sg);
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 1 }] }, grace.headers);
    const orderId = randomUUID();
    const clear = () => internal('POST', '/internal/carts/clear', { orderId, cartId: null, customerId: grace.id });
    expect(await clear()).toEqual({ status: 200, body: { cleared: true, duplicate: false } });
    expect(await clear()).toEqual({ status: 200, body: { cleared: false, duplicate: true } });
    expect((await sg.gql(CART_OPS.read, { id: cart.id }, grace.headers)).data.cart.lines).toEqual([]);
    // Another customer's order never clears this cart.
    await cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: variant, quantity: 1 }] }, grace.headers);
    const foreign = await internal('POST', '/internal/carts/clear', {
      orderId: randomUUID(),
      cartId: cart.id,
      customerId: randomUUID(),
    });
    expect(foreign.body).toEqual({ cleared: false, duplicate: false });
    expect((await sg.gql(CART_OPS.read, { id: cart.id }, grace.headers)).data.cart.totalQuantity).toBe(1);
    expect((await internal('POST', '/internal/carts/clear', { orderId: 'x', cartId: null })).status).toBe(400);
  });
});

describe('carts while Redis is down', () => {
  let down: Supergraph;

  beforeAll(async () => {
    down = await startSupergraph({ cartRedisUrl: 'redis://127.0.0.1:9/0' });
  });

  afterAll(async () => {
    await down?.stop();
  });

  it('fail fast with SERVICE_UNAVAILABLE while the rest of the supergraph answers', async () => {
    const started = Date.now();
    const read = await down.gql(`{ products(first: 2) { nodes { id } } cart(id: "AAAAAAAAAAAAAAAAAAAAAAAA") { id } }`);
    const write = await down.gql(CART_OPS.create, { lines: [{ variantId: variant, quantity: 1 }] });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(read.data.products.nodes).toHaveLength(2);
    expect(read.data.cart).toBeNull();
    expect(read.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(write.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(JSON.stringify([read.errors, write.errors])).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|writeable|stack/i);
    const locked = await fetch(new URL('/internal/carts/AAAAAAAAAAAAAAAAAAAAAAAA/checkout', down.subgraphUrls.cart), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...proof() },
      body: JSON.stringify({ checkoutId: 'c-1', customerId: null }),
    });
    expect(locked.status).toBe(503);
    expect(await locked.json()).toEqual({ error: 'carts are unavailable', code: 'SERVICE_UNAVAILABLE' });
  });
});
