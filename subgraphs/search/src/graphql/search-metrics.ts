import type { ServiceMetrics } from '@storegraph/service';
import { Counter } from 'prom-client';

/** Business counters of the search subgraph, on its service registry. */
export function createSearchMetrics(metrics: ServiceMetrics) {
  return {
    searches: new Counter({
      name: 'search_queries_total',
      help: 'Searches answered, by whether they had a text query and whether they found anything (hits or zero)',
      labelNames: ['kind', 'result'] as const,
      registers: [metrics.registry],
    }),
  };
}

export type SearchMetrics = ReturnType<typeof createSearchMetrics>;
