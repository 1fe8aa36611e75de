import { LATENCY_BUCKETS, type ServiceMetrics, withClientSpan } from '@storegraph/service';
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

/**
 * Wraps a subgraph fetcher so that every call is timed, every failure counted, and
 * every call is a CLIENT span whose W3C `traceparent` goes with the request, so the
 * subgraph continues the router's trace.
 */
export function measuredFetcher<F>(subgraph: string, fetcher: F, metrics: SubgraphFetchMetrics): F {
  const call = fetcher as unknown as (url: string, init?: { headers?: unknown }) => Promise<{ status: number }>;
  return (async (url: string, init: { headers?: unknown } = {}) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const response = await withClientSpan(
        `subgraph ${subgraph}`,
        { 'graphql.subgraph': subgraph, 'server.address': new URL(url).host },
        async (traceHeaders) => {
          // The gateway passes headers as a plain object; anything else is left as it is.
          const headers =
            init.headers && typeof init.headers === 'object' && !(init.headers instanceof Headers)
              ? { ...(init.headers as Record<string, string>), ...traceHeaders }
              : init.headers;
          const answered = await call(url, { ...init, headers });
          return answered;
        },
      );
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
