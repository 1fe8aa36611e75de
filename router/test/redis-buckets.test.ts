import { deleteRedisPrefix, testRedisPrefix, testRedisUrl } from '@storegraph/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBuckets } from '../src/rate-limit/redis-buckets.js';

// The Redis token buckets on a real Redis: a burst of one identity's requests decided
// together, exactly as one after another.

const prefix = testRedisPrefix('redis-buckets');
const policy = { capacity: 100, refillPerSecond: 0.001 };
let redis: Redis;
let buckets: RedisBuckets;
/** Round trips to Redis, counted around the script's command. */
let calls = 0;

beforeAll(async () => {
  redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  buckets = new RedisBuckets(redis, prefix);
  const command = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const take = command.storegraphTakeTokens?.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  command.storegraphTakeTokens = (...args) => {
    calls += 1;
    return take(...args);
  };
});

afterAll(async () => {
  await deleteRedisPrefix(prefix);
  redis?.disconnect();
});

describe('RedisBuckets', () => {
  it('decides a burst of one identity in few round trips, each request as if it came alone, in order', async () => {
    calls = 0;
    const decisions = await Promise.all(Array.from({ length: 50 }, () => buckets.take('burst', policy, 3)));
    expect(calls).toBeLessThan(50);
    expect(calls).toBeGreaterThanOrEqual(2);
    // Arrival order: the first 33 fit (100 - 33 × 3 = 1 left), the rest are refused.
    expect(decisions.map((d) => d.allowed)).toEqual(Array.from({ length: 50 }, (_, i) => i < 33));
    expect(decisions.slice(0, 33).map((d) => d.remaining)).toEqual(Array.from({ length: 33 }, (_, i) => 97 - 3 * i));
    for (const refused of decisions.slice(33)) {
      expect(refused).toMatchObject({ allowed: false, remaining: 1 });
      // 2 points missing at 0.001 per second: 2,000 s.
      expect(refused.retryAfterMs).toBeGreaterThan(1_990_000);
    }
    expect(Number(await redis.hget(`${prefix}burst`, 'tokens'))).toBeCloseTo(1, 3);
  });

  it('keeps identities apart, and decides a request of another cost in its place in the wave', async () => {
    const [a, b, c, d] = await Promise.all([
      buckets.take('apart-a', policy, 60),
      buckets.take('apart-b', policy, 60),
      buckets.take('apart-a', policy, 60),
      buckets.take('apart-a', policy, 40),
    ]);
    expect([a?.allowed, b?.allowed, c?.allowed, d?.allowed]).toEqual([true, true, false, true]);
    expect([a?.remaining, b?.remaining, c?.remaining, d?.remaining]).toEqual([40, 40, 40, 0]);
  });

  it('decides requests under another policy in a call of their own', async () => {
    const other = { capacity: 10, refillPerSecond: 0.001 };
    const [a, b, c] = await Promise.all([
      buckets.take('policies', policy, 5),
      buckets.take('policies', policy, 5),
      buckets.take('policies', other, 5),
    ]);
    expect([a?.remaining, b?.remaining]).toEqual([95, 90]);
    // The bucket holds 90 points; a capacity of 10 caps it.
    expect(c).toMatchObject({ allowed: true, remaining: 5 });
  });

  it('fails every request of a wave when Redis cannot answer, and serves the identity again afterwards', async () => {
    const broken = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    const failing = new RedisBuckets(broken, prefix);
    const settled = await Promise.allSettled([1, 2, 3].map(() => failing.take('offline', policy, 1)));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    // The failed commands may have started connecting; either way, wait until it is ready.
    if (broken.status === 'wait') await broken.connect();
    else if (broken.status !== 'ready') await new Promise((resolve) => broken.once('ready', resolve));
    try {
      expect(await failing.take('offline', policy, 1)).toMatchObject({ allowed: true, remaining: 99 });
    } finally {
      broken.disconnect();
    }
  });
});
