import type { ServiceMetrics } from '@storegraph/service';
import { Counter } from 'prom-client';
import type { TransitionObserver } from './data/order.store.js';

/**
 * Business counters of the orders subgraph, counted when a status change commits:
 * `orders_total{status}` counts orders entering each status (PENDING_PAYMENT is an
 * order placed; PAID, PAYMENT_FAILED, CANCELLED, REFUNDED, FULFILLED), and
 * `orders_payment_failures_total{provider}` the orders whose payment failed, by
 * payment provider. Every replica counts its own; Prometheus sums them.
 */
export function orderTransitionCounters(metrics: ServiceMetrics): TransitionObserver {
  const registers = [metrics.registry];
  const orders = new Counter({
    name: 'orders_total',
    help: 'Orders entering each status (PENDING_PAYMENT: placed), counted when the change commits',
    labelNames: ['status'] as const,
    registers,
  });
  const paymentFailures = new Counter({
    name: 'orders_payment_failures_total',
    help: 'Orders whose payment failed, by payment provider',
    labelNames: ['provider'] as const,
    registers,
  });
  return ({ to, provider }) => {
    orders.inc({ status: to });
    if (to === 'PAYMENT_FAILED') paymentFailures.inc({ provider: (provider ?? 'unknown').toLowerCase() });
  };
}
