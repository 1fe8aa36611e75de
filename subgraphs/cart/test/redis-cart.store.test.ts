import { randomUUID } from 'node:crypto';
import { createFailFastRedis as createRedis } from '@storegraph/service';
import { silentLogger, testRedisUrl } from '@storegraph/testkit';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCartStore } from '../src/data/redis-cart.store.js';
import { newCartId } from '../src/domain/cart.js';
import type { VariantLimit } from '../src/domain/cart-store.js';

const DAY = 24 * 3600;
const redis = createRedis(testRedisUrl());
const prefix = `${process.env.CART_TEST_PREFIX}store:`;
const store = new RedisCartStore(redis, prefix, silentLogger(), { guestSeconds: 7 * DAY, customerSeconds: 60 * DAY });

const limit = (available: number, currencyCode = 'USD'): VariantLimit => ({
  max: Math.min(99, available),
  available,
  currencyCode,
});

async function guestCart(lines: Array<{ variantId: string; quantity: number; limit: VariantLimit }> = []) {
  const outcome = await store.addLines(
    { kind: 'new-guest', cartId: newCartId() },
    {
      lines: lines.map((l, index) => ({ variantId: l.variantId, quantity: l.quantity, index })),
      limits: Object.fromEntries(lines.map((l) => [l.variantId, l.limit])),
      currencyCode: lines[0]?.limit.currencyCode ?? null,
      refused: false,
    },
  );
  if (!outcome.cart) throw new Error('no cart');
  return outcome.cart;
}

const addOne = (cartId: string, variantId: string, variantLimit: VariantLimit, viewerId: string | null = null) =>
  store.addLines(
    { kind: 'existing', cartId, viewerId },
    {
      lines: [{ variantId, quantity: 1, index: 0 }],
      limits: { [variantId]: variantLimit },
      currencyCode: variantLimit.currencyCode,
      refused: false,
    },
  );

beforeAll(async () => {
  await redis.connect();
});

afterAll(() => {
  redis.disconnect();
});

describe('RedisCartStore (Lua on real Redis)', () => {
  it('reads an emptied cart, which cjson stores with "lines":{}, as no lines', async () => {
    const variantId = randomUUID();
    const cart = await guestCart([{ variantId, quantity: 2, limit: limit(10) }]);
    const emptied = await store.removeLines(
      { kind: 'existing', cartId: cart.id, viewerId: null },
      { removals: [{ lineId: `${cart.id}.${variantId}`, index: 0 }], refused: false },
    );
    expect(await redis.get(`${prefix}cart:${cart.id}`)).toContain('"lines":{}');
    expect(emptied.cart).toMatchObject({ lines: [], currencyCode: null });
    expect((await store.get(cart.id))?.lines).toEqual([]);
  });

  it('loses no line to 50 concurrent adds, and refuses exactly the ones beyond stock', async () => {
    const plenty = randomUUID();
    const scarce = randomUUID();
    const cart = await guestCart();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0 ? addOne(cart.id, plenty, limit(500)) : addOne(cart.id, scarce, limit(20)),
      ),
    );
    const stored = await store.get(cart.id);
    expect(stored?.lines.map((l) => [l.variantId, l.quantity])).toEqual([
      [plenty, 25],
      [scarce, 20],
    ]);
    const refused = outcomes.flatMap((o) => o.problems);
    expect(refused).toHaveLength(5);
    expect(refused.every((p) => p.code === 'INSUFFICIENT_STOCK' && p.available === 20 && p.inCart === 20)).toBe(true);
  });

  it('creates one cart for a customer however many first reads race, and expires both keys after 60 days', async () => {
    const customerId = randomUUID();
    const carts = await Promise.all(Array.from({ length: 10 }, () => store.customerCart(customerId, newCartId())));
    expect(new Set(carts.map((c) => c.id)).size).toBe(1);
    const id = carts[0]?.id as string;
    expect(await redis.get(`${prefix}customer-cart:${customerId}`)).toBe(id);
    for (const key of [`${prefix}cart:${id}`, `${prefix}customer-cart:${customerId}`]) {
      expect(await redis.ttl(key)).toBeGreaterThan(59 * DAY);
    }
  });

  it('extends expiry on every write (guest 7 days)', async () => {
    const cart = await guestCart();
    const key = `${prefix}cart:${cart.id}`;
    await redis.expire(key, 60);
    await addOne(cart.id, randomUUID(), limit(5));
    expect(await redis.ttl(key)).toBeGreaterThan(6 * DAY);
  });

  it('refuses a customer cart to anyone but its owner, and a write with problems changes nothing', async () => {
    const owner = randomUUID();
    const cart = await store.customerCart(owner, newCartId());
    const variantId = randomUUID();
    expect((await addOne(cart.id, variantId, limit(5), randomUUID())).problems).toEqual([{ code: 'CART_NOT_FOUND' }]);
    expect((await addOne(cart.id, variantId, limit(5), null)).cart).toBeNull();
    expect((await addOne(cart.id, variantId, limit(5), owner)).problems).toEqual([]);
    const before = await redis.get(`${prefix}cart:${cart.id}`);
    const mismatch = await addOne(cart.id, randomUUID(), limit(5, 'EUR'), owner);
    expect(mismatch.problems).toEqual([{ code: 'CURRENCY_MISMATCH', currencyCode: 'USD' }]);
    expect(mismatch.cart?.lines).toHaveLength(1);
    expect(await redis.get(`${prefix}cart:${cart.id}`)).toBe(before);
  });

  it('holds a lock until its time runs out, and clears a paid order once', async () => {
    const variantId = randomUUID();
    const cart = await guestCart([{ variantId, quantity: 1, limit: limit(9) }]);
    const locked = await store.lockForCheckout(cart.id, { checkoutId: 'co-1', customerId: null, ttlSeconds: 1 });
    expect(locked.status).toBe('LOCKED');
    expect((await addOne(cart.id, variantId, limit(9))).problems).toEqual([{ code: 'CART_LOCKED' }]);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await addOne(cart.id, variantId, limit(9))).cart?.lines[0]?.quantity).toBe(2);
    const orderId = randomUUID();
    expect(await store.clearForOrder({ orderId, cartId: cart.id, customerId: null })).toEqual({
      cleared: true,
      duplicate: false,
    });
    expect(await store.get(cart.id)).toBeNull();
    expect(await store.clearForOrder({ orderId, cartId: cart.id, customerId: null })).toEqual({
      cleared: false,
      duplicate: true,
    });
    expect(await redis.ttl(`${prefix}order-cleared:${orderId}`)).toBeGreaterThan(29 * DAY);
  });

  it('loads a script with EVAL when Redis no longer knows its digest (restart, SCRIPT FLUSH)', async () => {
    let refused = 0;
    const forgetful = new Proxy(redis, {
      get(target, property, receiver) {
        if (property === 'evalsha') {
          return async () => {
            refused += 1;
            throw new Error('NOSCRIPT No matching script. Please use EVAL.');
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Redis;
    const fresh = new RedisCartStore(forgetful, prefix, silentLogger(), { guestSeconds: DAY, customerSeconds: DAY });
    const cart = await fresh.customerCart(randomUUID(), newCartId());
    expect(refused).toBe(1);
    expect(await store.get(cart.id)).toMatchObject({ id: cart.id, lines: [] });
  });
});
