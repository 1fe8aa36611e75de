import { LATENCY_BUCKETS, type ServiceMetrics } from '@storegraph/service';
import { Counter, Histogram } from 'prom-client';

/** Per-subgraph fetch metrics, on the router's registry. */
export function createSubgraphFetchMetrics(metrics: ServiceMetrics) {
  const registers = [metrics.registry];
  return {
    duration: new Histogram({
      name: 'router_subgraph_fetch_duration_seconds',
      help: 'Time of one subgraph call from the router, by subgraph and outcome (ok, http_error, unreachable)',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    failures: new Counter({
      name: 'router_subgraph_fetch_failures_total',
      help: 'Subgraph calls that failed (an HTTP error status, or no answer at all), by subgraph',
      labelNames: ['subgraph', 'outcome'] as const,
      registers,
    }),
  };
}

export type SubgraphFetchMetrics = ReturnType<typeof createSubgraphFetchMetrics>;

/** Wraps a subgraph fetcher so that every call is timed and every failure counted. */
export function measuredFetcher<F>(subgraph: string, fetcher: F, metrics: SubgraphFetchMetrics): F {
  const call = fetcher as unknown as (...args: unknown[]) => Promise<{ status: number }>;
  return (async (...args: unknown[]) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const response = await call(...args);
      const outcome = response.status >= 400 ? 'http_error' : 'ok';
      metrics.duration.observe({ subgraph, outcome }, seconds());
      if (outcome !== 'ok') metrics.failures.inc({ subgraph, outcome });
      return response;
    } catch (error) {
      metrics.duration.observe({ subgraph, outcome: 'unreachable' }, seconds());
      metrics.failures.inc({ subgraph, outcome: 'unreachable' });
      throw error;
    }
  }) as unknown as F;
}
