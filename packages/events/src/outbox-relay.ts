import type { Span } from '@opentelemetry/api';
import type { Queue } from 'bullmq';
import { EVENT_JOB_OPTIONS } from './queues.js';
import { sanitizeCarrier, startPublishSpan } from './trace-context.js';

interface OutboxRow {
  id: string;
  type: string;
  aggregate_id: string;
  payload: unknown;
  occurred_at: Date;
  trace_context: unknown;
}

/** What the relay needs of a database handle: raw SQL in a transaction (a PrismaClient, or DirectSql on its pool). */
export interface OutboxDatabase {
  $transaction<T>(fn: (tx: OutboxTransaction) => Promise<T>, options?: { timeout?: number }): Promise<T>;
}

export interface OutboxTransaction {
  // biome-ignore lint/suspicious/noExplicitAny: Prisma's own signature for tagged raw SQL.
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: any[]): PromiseLike<T>;
  // biome-ignore lint/suspicious/noExplicitAny: Prisma's own signature for tagged raw SQL.
  $executeRaw(query: TemplateStringsArray, ...values: any[]): PromiseLike<number>;
}

/** A consumer's queue and, when given, the only event types it receives. */
export interface OutboxRoute {
  queue: Queue;
  types?: readonly string[];
}

export interface OutboxRelayOptions {
  /**
   * A client of the database whose `outbox_events` table (id uuid, type, aggregate_id
   * uuid, payload jsonb, occurred_at, published_at, attempts, trace_context jsonb) the
   * service writes its events to, in the transaction of the change they describe
   * (`trace_context` from `captureTraceContext()`, so consumers continue the trace).
   */
  db: OutboxDatabase;
  /** One queue per consuming service; every event goes to each, unless its route names types. */
  queues: Array<Queue | OutboxRoute>;
  logger: { error(details: object, message: string): void };
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  idleMs?: number;
  /** Test seam: runs after publishing a batch and before marking it sent. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
  /**
   * Runs after a batch is committed as published, with its events (type and payload):
   * e.g. to broadcast catalog change notices. Its failure is the caller's to report;
   * the batch stays published.
   */
  onPublished?: (events: Array<{ type: string; payload: unknown }>) => Promise<void>;
  /** Counts published events and failed passes (Prometheus counters, or anything with inc()). */
  metrics?: { published: { inc(n?: number): void }; failures: { inc(): void } };
}

const routeOf = (entry: Queue | OutboxRoute): OutboxRoute => ('queue' in entry ? entry : { queue: entry });

/**
 * Publishes committed outbox events to BullMQ, oldest first. Each event becomes a job
 * whose id is the event id, so a relay that crashes after publishing but before
 * marking the batch sent publishes it again as a no-op: every event reaches each
 * queue exactly once. Rows are claimed with SKIP LOCKED, so replicas share the work.
 * The job's data is the envelope `{ id, occurredAt, aggregateId, event }` and, when the
 * event was written inside a trace, `trace` (W3C `traceparent`/`tracestate` of a PRODUCER
 * span per queue, child of the writing request's span).
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failures = 0;
  private readonly routes: OutboxRoute[];

  constructor(private readonly options: OutboxRelayOptions) {
    this.routes = options.queues.map(routeOf);
  }

  /** Publishes one batch; returns how many events it published. */
  async relayOnce(): Promise<number> {
    const batchSize = this.options.batchSize ?? 100;
    let committed: Array<{ type: string; payload: unknown }> = [];
    const count = await this.options.db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, type, aggregate_id, payload, occurred_at, trace_context FROM outbox_events
          WHERE published_at IS NULL
          ORDER BY occurred_at, id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        const spans: Span[] = [];
        try {
          for (const route of this.routes) {
            const jobs = rows
              .filter((row) => !route.types || route.types.includes(row.type))
              .map((row) => {
                const published = startPublishSpan(
                  route.queue.name,
                  row.type,
                  row.id,
                  sanitizeCarrier(row.trace_context),
                );
                if (published) spans.push(published.span);
                return {
                  name: row.type,
                  data: {
                    id: row.id,
                    occurredAt: row.occurred_at.toISOString(),
                    aggregateId: row.aggregate_id,
                    event: row.payload,
                    ...(published?.carrier ? { trace: published.carrier } : {}),
                  },
                  opts: { ...EVENT_JOB_OPTIONS, jobId: row.id },
                };
              });
            if (jobs.length > 0) await route.queue.addBulk(jobs);
          }
        } finally {
          for (const span of spans) span.end();
        }
        const ids = rows.map((r) => r.id);
        await this.options.afterPublish?.(ids);
        await tx.$executeRaw`UPDATE outbox_events SET published_at = now(), attempts = attempts + 1
          WHERE id = ANY(${ids}::uuid[])`;
        committed = rows.map((row) => ({ type: row.type, payload: row.payload }));
        return rows.length;
      },
      { timeout: 30_000 },
    );
    if (committed.length > 0) await this.options.onPublished?.(committed);
    return count;
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
        if (published > 0) this.options.metrics?.published.inc(published);
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
