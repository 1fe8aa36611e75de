import { createLogger } from '@storegraph/logger';
import { describe, expect, it } from 'vitest';
import { createRouterMetrics } from '../src/metrics.js';
import { LocalBuckets } from '../src/rate-limit/local-buckets.js';
import { RateLimiter } from '../src/rate-limit/rate-limiter.js';
import type { RedisBuckets } from '../src/rate-limit/redis-buckets.js';
import { takeFromBucket } from '../src/rate-limit/token-bucket.js';

const policy = { capacity: 100, refillPerSecond: 10 };

describe('token bucket', () => {
  it('starts full, spends the cost, refuses what does not fit and says when it will', () => {
    const a = takeFromBucket(undefined, policy, 60, 0);
    expect(a.decision).toEqual({ allowed: true, remaining: 40, retryAfterMs: 0, resetMs: 6_000 });
    const b = takeFromBucket(a.state, policy, 60, 0);
    expect(b.decision).toMatchObject({ allowed: false, remaining: 40, retryAfterMs: 2_000 });
    // Two seconds later 20 points have come back.
    const c = takeFromBucket(b.state, policy, 60, 2_000);
    expect(c.decision).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('never refills beyond capacity', () => {
    const a = takeFromBucket({ tokens: 90, at: 0 }, policy, 1, 3_600_000);
    expect(a.decision.remaining).toBe(99);
  });

  it('forgets the least recently used identity past its bound', () => {
    const local = new LocalBuckets(2, () => 0);
    local.take('a', policy, 100);
    local.take('b', policy, 100);
    local.take('a', policy, 0);
    local.take('c', policy, 100);
    // b was the least recently used: forgotten, it starts full again; a kept its empty bucket.
    expect(local.take('a', policy, 0).remaining).toBe(0);
    expect(local.take('b', policy, 0).remaining).toBe(100);
  });
});

describe('rate limiter fallback', () => {
  it('falls back while Redis fails, logs the outage and the recovery once each, and counts', async () => {
    const lines: string[] = [];
    const logger = createLogger('test', {
      destination: { write: (l: string) => void lines.push(JSON.parse(l).message) },
    });
    let up = false;
    const redis = {
      async take() {
        if (!up) throw new Error('Connection is closed.');
        return { allowed: true, remaining: 7, retryAfterMs: 0, resetMs: 0 };
      },
    } as unknown as RedisBuckets;
    const metrics = createRouterMetrics();
    const limiter = new RateLimiter({ redis, local: new LocalBuckets(), logger, metrics });
    const down = [await limiter.take('k', policy, 30), await limiter.take('k', policy, 30)];
    expect(down.map((d) => [d.store, d.remaining])).toEqual([
      ['local', 70],
      ['local', 40],
    ]);
    up = true;
    expect(await limiter.take('k', policy, 30)).toMatchObject({ store: 'redis', remaining: 7 });
    expect(await limiter.take('k', policy, 30)).toMatchObject({ store: 'redis' });
    expect(lines.filter((l) => l.includes('Redis unreachable'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('Redis reachable again'))).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/router_rate_limit_local_decisions_total 2/);
    expect(text).toMatch(/router_rate_limit_redis_up 1/);
  });
});
