import { createServiceMetrics } from '@storegraph/service';
import { Counter, Gauge } from 'prom-client';
import { createSubgraphFetchMetrics } from './subgraph-metrics.js';

/**
 * The router's Prometheus metrics: the request and operation metrics every service
 * has, per-subgraph fetch timings, and the edge's own, on one registry (served on
 * METRICS_PORT).
 */
export function createRouterMetrics() {
  const service = createServiceMetrics('router');
  const registry = service.registry;
  const registers = [registry];
  return {
    registry,
    service,
    subgraphFetch: createSubgraphFetchMetrics(service),
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
    subgraphCircuitOpen: new Gauge({
      name: 'router_subgraph_circuit_open',
      help: '1 while calls to the subgraph are refused by its open (or half-open) circuit breaker',
      labelNames: ['subgraph'] as const,
      registers,
    }),
    responseCache: new Counter({
      name: 'router_response_cache_total',
      help: 'Response cache lookups (hit, miss), answers kept (stored), and queries it does not serve (bypass)',
      labelNames: ['result'] as const,
      registers,
    }),
    responseCacheEntries: new Gauge({
      name: 'router_response_cache_entries',
      help: 'Answers held by the response cache',
      registers,
    }),
    fastPath: new Counter({
      name: 'router_fast_path_total',
      help: 'POST /graphql requests answered on the known-operations fast path (served) or left to Apollo Server (passed)',
      labelNames: ['result'] as const,
      registers,
    }),
    subgraphRetries: new Counter({
      name: 'router_subgraph_retries_total',
      help: 'Queries sent to a subgraph a second time after a connection failure',
      labelNames: ['subgraph'] as const,
      registers,
    }),
  };
}

export type RouterMetrics = ReturnType<typeof createRouterMetrics>;
