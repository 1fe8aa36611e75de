import { Counter, Gauge, Registry } from 'prom-client';

/** The router's Prometheus metrics, on their own registry (served on METRICS_PORT). */
export function createRouterMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    rateLimited: new Counter({
      name: 'router_rate_limited_total',
      help: 'Requests refused with 429, by tier',
      labelNames: ['tier'] as const,
      registers,
    }),
    rateLimitRedisUp: new Gauge({
      name: 'router_rate_limit_redis_up',
      help: '1 while rate limits are kept in Redis, 0 while the in-process fallback decides',
      registers,
    }),
    rateLimitOutages: new Counter({
      name: 'router_rate_limit_redis_outages_total',
      help: 'Times the rate limiter lost Redis and fell back to in-process limits',
      registers,
    }),
    rateLimitLocalDecisions: new Counter({
      name: 'router_rate_limit_local_decisions_total',
      help: 'Rate-limit decisions taken by the in-process fallback',
      registers,
    }),
  };
}

export type RouterMetrics = ReturnType<typeof createRouterMetrics>;
