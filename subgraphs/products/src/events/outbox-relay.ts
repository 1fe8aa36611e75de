import { type CatalogEventEnvelope, EVENT_JOB_OPTIONS } from '@storegraph/events';
import type { Logger } from '@storegraph/logger';
import type { Queue } from 'bullmq';
import type { PrismaClient } from '../data/prisma-client.js';
import type { OutboxMetrics } from './outbox-metrics.js';

interface OutboxRow {
  id: string;
  type: string;
  aggregate_id: string;
  payload: CatalogEventEnvelope['event'];
  occurred_at: Date;
}

export interface OutboxRelayOptions {
  prisma: PrismaClient;
  /** One queue per consuming service; every event goes to each. */
  queues: Queue[];
  logger: Logger;
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  idleMs?: number;
  /** Test seam: runs after publishing a batch and before marking it sent. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
  /** Counts published events and failed passes. */
  metrics?: Pick<OutboxMetrics, 'published' | 'failures'>;
}

/**
 * Publishes committed outbox events to BullMQ, oldest first. Each event becomes a job
 * whose id is the event id, so a relay that crashes after publishing but before
 * marking the batch sent publishes it again as a no-op: every event reaches each
 * queue exactly once. Rows are claimed with SKIP LOCKED, so replicas share the work.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  /** Publishes one batch; returns how many events it published. */
  async relayOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    return this.options.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, type, aggregate_id, payload, occurred_at FROM outbox_events
          WHERE published_at IS NULL
          ORDER BY occurred_at, id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        const jobs = rows.map((row) => ({
          name: row.type,
          data: {
            id: row.id,
            occurredAt: row.occurred_at.toISOString(),
            aggregateId: row.aggregate_id,
            event: row.payload,
          } satisfies CatalogEventEnvelope,
          opts: { ...EVENT_JOB_OPTIONS, jobId: row.id },
        }));
        for (const queue of this.options.queues) await queue.addBulk(jobs);
        const ids = rows.map((r) => r.id);
        await this.options.afterPublish?.(ids);
        await tx.$executeRaw`UPDATE outbox_events SET published_at = now(), attempts = attempts + 1
          WHERE id = ANY(${ids}::uuid[])`;
        return rows.length;
      },
      { timeout: 30_000 },
    );
  }

  /** Relays continuously: immediately while there is a backlog, then every idleMs; backs off on errors. */
  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      let delay = this.options.idleMs ?? 500;
      try {
        const published = await this.relayOnce();
        this.failures = 0;
        this.options.metrics?.published.inc(published);
        if (published > 0) delay = 0;
      } catch (error) {
        this.failures += 1;
        this.options.metrics?.failures.inc();
        delay = Math.min(30_000, 500 * 2 ** this.failures);
        this.options.logger.error({ err: error, retryInMs: delay }, 'outbox relay failed');
      }
      if (!this.stopped) {
        this.timer = setTimeout(() => {
          this.running = tick();
        }, delay);
      }
    };
    this.running = tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
