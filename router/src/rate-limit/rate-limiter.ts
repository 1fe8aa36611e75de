import type { Logger } from '@storegraph/logger';
import type { RouterMetrics } from '../metrics.js';
import type { LocalBuckets } from './local-buckets.js';
import type { RedisBuckets } from './redis-buckets.js';
import type { BucketDecision, BucketPolicy } from './token-bucket.js';

export interface RateDecision extends BucketDecision {
  store: 'redis' | 'local';
}

/**
 * Buckets in Redis, shared by every router; when Redis cannot answer, the same
 * buckets in this process, so the router keeps serving and keeps limiting. The
 * outage is logged once when it starts and once when it ends, and counted.
 */
export class RateLimiter {
  private degraded = false;

  constructor(
    private readonly deps: {
      redis: RedisBuckets;
      local: LocalBuckets;
      logger: Logger;
      metrics: RouterMetrics;
    },
  ) {
    deps.metrics.rateLimitRedisUp.set(1);
  }

  async take(key: string, policy: BucketPolicy, cost: number): Promise<RateDecision> {
    const { logger, metrics } = this.deps;
    try {
      const decision = await this.deps.redis.take(key, policy, cost);
      if (this.degraded) {
        this.degraded = false;
        metrics.rateLimitRedisUp.set(1);
        logger.warn('rate limiter: Redis reachable again; limits are shared across routers again');
      }
      return { ...decision, store: 'redis' };
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        metrics.rateLimitRedisUp.set(0);
        metrics.rateLimitOutages.inc();
        logger.error({ err: error }, 'rate limiter: Redis unreachable; limiting in this process until it is back');
      }
      metrics.rateLimitLocalDecisions.inc();
      return { ...this.deps.local.take(key, policy, cost), store: 'local' };
    }
  }
}
