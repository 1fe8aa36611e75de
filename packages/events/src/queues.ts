import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { CatalogEventEnvelope, catalogEventQueue, deadLetterQueue } from './catalog-events.js';

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

export function catalogEventQueues(consumers: string[], options: QueueConnection): Queue[] {
  return consumers.map(
    (consumer) => new Queue(catalogEventQueue(consumer), { connection: options.connection, prefix: options.prefix }),
  );
}

/**
 * Consumes one service's catalog events. The handler must be idempotent (delivery is
 * at least once; dedupe by envelope id or by product version). A job that fails all
 * its attempts is copied to the dead-letter queue with its last error.
 */
export function consumeCatalogEvents(
  consumer: string,
  handler: (envelope: CatalogEventEnvelope) => Promise<void>,
  options: QueueConnection & { concurrency?: number; onDeadLetter?: (job: Job, error: Error) => void },
): { worker: Worker; deadLetters: Queue } {
  const name = catalogEventQueue(consumer);
  const deadLetters = new Queue(deadLetterQueue(name), { connection: options.connection, prefix: options.prefix });
  const worker = new Worker(
    name,
    async (job) => {
      const envelope = CatalogEventEnvelope.parse(job.data);
      await handler(envelope);
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      // One at a time keeps a product's events in order.
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
        () => options.onDeadLetter?.(job, error),
        (dlqError: Error) => worker.emit('error', dlqError),
      );
  });
  return { worker, deadLetters };
}
