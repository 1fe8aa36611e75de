import type { ServiceMetrics } from '@storegraph/service';
import { Counter } from 'prom-client';

/** Business counters of the cart subgraph, on its service registry. */
export function createCartMetrics(metrics: ServiceMetrics) {
  return {
    adds: new Counter({
      name: 'cart_adds_total',
      help: 'Requests to add lines to a cart (cartCreate with lines, cartLinesAdd), by outcome (added or refused)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    }),
  };
}

export type CartMetrics = ReturnType<typeof createCartMetrics>;
