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
  countCalls();
});

/** Counts the script's calls (defining the command again, as every RedisBuckets does, replaces the count). */
function countCalls() {
  const command = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const take = command.storegraphTakeTokens?.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  command.storegraphTakeTokens = (...args) => {
    calls += 1;
    return take(...args);
  };
}

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

  describe('leases to a hot identity', () => {
    /** A RedisBuckets on the test's clock, and the script calls it makes. */
    const onClock = () => {
      const clock = { now: 1_000_000 };
      const leasing = new RedisBuckets(redis, prefix, { now: () => clock.now });
      countCalls();
      return { clock, leasing };
    };
    const bucketIn = async (key: string) => Number(await redis.hget(`${prefix}${key}`, 'tokens'));

    it('charges a cold identity one call per request', async () => {
      const { clock, leasing } = onClock();
      calls = 0;
      for (let i = 0; i < 30; i += 1) {
        await leasing.take('cold', policy, 1);
        clock.now += 15; // 9 requests per 100 ms window: never hot
      }
      expect(calls).toBe(30);
    });

    it('spends a lease without round trips, reporting the budget as if each request had gone to Redis', async () => {
      const { clock, leasing } = onClock();
      const big = { capacity: 1_000, refillPerSecond: 0.001 };
      calls = 0;
      const remaining: number[] = [];
      for (let i = 0; i < 10; i += 1) remaining.push((await leasing.take('hot', big, 2)).remaining);
      expect(calls).toBe(10);
      clock.now += 100; // the next window: 10 requests (20 points) asked in the last one
      for (let i = 0; i < 10; i += 1) remaining.push((await leasing.take('hot', big, 2)).remaining);
      // One call took the first request's 2 points and leased 20: the other nine spent the lease.
      expect(calls).toBe(11);
      expect(remaining).toEqual(Array.from({ length: 20 }, (_, i) => 998 - 2 * i));
      expect(await bucketIn('hot')).toBeCloseTo(1_000 - 22 - 20, 1);
    });

    it('leases at most a tenth of the bucket, and gives back what a lease did not spend', async () => {
      const { clock, leasing } = onClock();
      const small = { capacity: 50, refillPerSecond: 0.001 };
      for (let i = 0; i < 12; i += 1) await leasing.take('share', small, 1);
      clock.now += 100;
      calls = 0;
      await leasing.take('share', small, 1); // takes 1, leases 5 (a tenth of 50), not 12
      expect(await bucketIn('share')).toBeCloseTo(50 - 12 - 1 - 5, 1);
      await leasing.take('share', small, 1);
      await leasing.take('share', small, 1);
      expect(calls).toBe(1);
      clock.now += 100; // the lease lapses with 3 points unspent
      const next = await leasing.take('share', small, 1);
      expect(calls).toBe(2);
      // The 3 points went back into the bucket in the same call: nothing was lost.
      expect(next.remaining).toBe(50 - 12 - 4);
    });

    it('keeps a leased identity when its bound forgets one, forgetting the longest without a lease', async () => {
      const clock = { now: 2_000_000 };
      const bounded = new RedisBuckets(redis, prefix, { now: () => clock.now, maxKeys: 3 });
      countCalls();
      const big = { capacity: 1_000, refillPerSecond: 0.001 };
      for (let i = 0; i < 10; i += 1) await bounded.take('kept-hot', big, 1);
      await bounded.take('kept-a', big, 1);
      await bounded.take('kept-b', big, 1);
      clock.now += 100;
      await bounded.take('kept-hot', big, 1); // leased: the newest identity now
      await bounded.take('kept-c', big, 1); // a fourth identity: the oldest goes
      calls = 0;
      expect((await bounded.take('kept-hot', big, 1)).remaining).toBe(1_000 - 12);
      expect(calls).toBe(0);
    });

    it('allows exactly the bucket, refusing in Redis, while leases come and go', async () => {
      const { clock, leasing } = onClock();
      const budget = { capacity: 1_000, refillPerSecond: 0.001 };
      const decisions: boolean[] = [];
      const spent: number[] = [];
      calls = 0;
      for (let i = 0; i < 60; i += 1) {
        if (i === 48) expect(calls).toBeLessThan(48); // 48 bursts, 144 requests: fewer calls than bursts
        // Bursts of concurrent requests, the clock moving on between them.
        const burst = await Promise.all([7, 7, 7].map((cost) => leasing.take('exact', budget, cost)));
        for (const d of burst) {
          decisions.push(d.allowed);
          if (d.allowed) spent.push(d.remaining);
        }
        clock.now += 13;
      }
      // 142 requests of 7 fit in 1,000 points (6 left); every later one is refused.
      expect(decisions.filter(Boolean)).toHaveLength(142);
      expect(decisions.indexOf(false)).toBe(142);
      expect(spent).toEqual(Array.from({ length: 142 }, (_, i) => 1_000 - 7 * (i + 1)));
      expect(await bucketIn('exact')).toBeCloseTo(6, 1);
    });
  });
});
