import type { ServiceMetrics } from '@storegraph/service';
import type { Queue } from 'bullmq';
import { Counter, Gauge } from 'prom-client';
import type { PrismaClient } from '../data/prisma-client.js';

/** BullMQ job states that count as a queue's backlog or its failures. */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Catalog-event metrics read at scrape time: events committed but not yet published
 * (and the age of the oldest: the outbox lag), and each consumer queue's jobs by
 * state. Also the relay's own counters. Registered on the products registry.
 */
export function createOutboxMetrics(options: { metrics: ServiceMetrics; prisma: PrismaClient; queues: Queue[] }) {
  const registers = [options.metrics.registry];
  const { prisma, queues } = options;
  new Gauge({
    name: 'catalog_outbox_pending_events',
    help: 'Catalog events committed to the outbox and not yet published',
    registers,
    async collect() {
      const [row] = await prisma.$queryRaw<Array<{ n: bigint }>>`
        SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`;
      this.set(Number(row?.n ?? 0));
    },
  });
  new Gauge({
    name: 'catalog_outbox_lag_seconds',
    help: 'Age of the oldest unpublished catalog event (0 when the outbox is drained)',
    registers,
    async collect() {
      const [row] = await prisma.$queryRaw<Array<{ lag: number | null }>>`
        SELECT EXTRACT(EPOCH FROM now() - min(occurred_at))::float8 AS lag
        FROM outbox_events WHERE published_at IS NULL`;
      this.set(Math.max(0, row?.lag ?? 0));
    },
  });
  new Gauge({
    name: 'catalog_queue_jobs',
    help: 'Jobs in each catalog-event queue, by state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  return {
    published: new Counter({
      name: 'catalog_outbox_published_total',
      help: 'Catalog events the relay published to the consumer queues',
      registers,
    }),
    failures: new Counter({
      name: 'catalog_outbox_relay_failures_total',
      help: 'Relay passes that failed (and were retried with backoff)',
      registers,
    }),
  };
}

export type OutboxMetrics = ReturnType<typeof createOutboxMetrics>;
