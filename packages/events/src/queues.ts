import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { CatalogEventEnvelope, catalogEventQueue, deadLetterQueue } from './catalog-events.js';
import { OrderEventEnvelope, orderEventQueue } from './order-events.js';
import { withConsumeSpan } from './trace-context.js';

/** Delivery policy of every event job: retried with exponential backoff, kept a week for dedupe. */
export const EVENT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  // A completed job's id stays known for a week: re-publishing the same event id
  // (a relay that crashed before marking it sent) is then a no-op.
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export interface QueueConnection {
  /** A client with `maxRetriesPerRequest: null`, as BullMQ requires for workers. */
  connection: Redis;
  /** Key prefix of every queue, so deployments and test runs never share queues. */
  prefix: string;
}

/** Where a consumer reports dead letters and worker errors (a pino logger fits). */
export interface ConsumerLog {
  error(details: object, message: string): void;
  /** When present, one line per handled event (queue, event id and type, duration), in the event's trace. */
  info?(details: object, message: string): void;
}

export interface ConsumeOptions extends QueueConnection {
  concurrency?: number;
  onDeadLetter?: (job: Job, error: Error) => void;
  /** Logs every dead-lettered job and worker error, with the queue's name. */
  log?: ConsumerLog;
}

export interface EventConsumer {
  worker: Worker;
  deadLetters: Queue;
  /** Closes the worker (after its current job) and the dead-letter queue. */
  stop(): Promise<void>;
}

const queuesOf = (names: string[], options: QueueConnection): Queue[] =>
  names.map((name) => new Queue(name, { connection: options.connection, prefix: options.prefix }));

/** A producer's queues of catalog events, one per consumer. */
export const catalogEventQueues = (consumers: string[], options: QueueConnection): Queue[] =>
  queuesOf(consumers.map(catalogEventQueue), options);

/** A producer's queues of order events, one per consumer. */
export const orderEventQueues = (consumers: string[], options: QueueConnection): Queue[] =>
  queuesOf(consumers.map(orderEventQueue), options);

/**
 * Consumes the envelopes of one queue, validated against their schema (a job that is
 * not a known versioned event fails). The handler must be idempotent: delivery is at
 * least once. A job that fails all its attempts is copied to the dead-letter queue
 * with its last error.
 */
export function consumeEvents<Envelope>(
  queue: string,
  schema: z.ZodType<Envelope>,
  handler: (envelope: Envelope) => Promise<void>,
  options: ConsumeOptions,
): EventConsumer {
  const deadLetters = new Queue(deadLetterQueue(queue), { connection: options.connection, prefix: options.prefix });
  const worker = new Worker(
    queue,
    (job) =>
      // The job carries the trace of the request that wrote the event (see OutboxRelay):
      // the handler's spans and log lines continue it.
      withConsumeSpan(queue, job.name, String(job.id), job.data?.trace, async () => {
        const started = performance.now();
        await handler(schema.parse(job.data));
        options.log?.info?.(
          {
            queue,
            eventId: job.id,
            'event.action': job.name,
            'event.duration': Math.round((performance.now() - started) * 1e6),
          },
          'event handled',
        );
      }),
    {
      connection: options.connection,
      prefix: options.prefix,
      // One at a time keeps an aggregate's events in order.
      concurrency: options.concurrency ?? 1,
    },
  );
  worker.on('failed', (job, error) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    // `dead-` keeps the id from looking like one of BullMQ's own integer ids.
    deadLetters
      .add(
        job.name,
        { envelope: job.data, error: error.message, failedAt: new Date().toISOString() },
        { jobId: `dead-${job.id}` },
      )
      .then(
        () => {
          options.log?.error({ queue, eventId: job.id, err: error }, 'event dead-lettered');
          options.onDeadLetter?.(job, error);
        },
        (dlqError: Error) => worker.emit('error', dlqError),
      );
  });
  if (options.log) {
    const log = options.log;
    worker.on('error', (error) => log.error({ queue, err: error }, 'event worker error'));
  }
  return {
    worker,
    deadLetters,
    async stop() {
      await worker.close();
      await deadLetters.close();
    },
  };
}

/** One service's catalog events (dedupe by envelope id or by product version). */
export const consumeCatalogEvents = (
  consumer: string,
  handler: (envelope: CatalogEventEnvelope) => Promise<void>,
  options: ConsumeOptions,
): EventConsumer => consumeEvents(catalogEventQueue(consumer), CatalogEventEnvelope, handler, options);

/** One service's order events (dedupe by envelope id or by order id). */
export const consumeOrderEvents = (
  consumer: string,
  handler: (envelope: OrderEventEnvelope) => Promise<void>,
  options: ConsumeOptions,
): EventConsumer => consumeEvents(orderEventQueue(consumer), OrderEventEnvelope, handler, options);
