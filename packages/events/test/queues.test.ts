import { randomUUID } from 'node:crypto';
import { deleteRedisPrefix, testRedisPrefix, testRedisUrl } from '@storegraph/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CatalogEventEnvelope,
  catalogEventQueues,
  consumeCatalogEvents,
  consumeOrderEvents,
  type OrderEventEnvelope,
  orderEventQueues,
} from '../src/index.js';

const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
const prefix = testRedisPrefix('events').slice(0, -1);

afterAll(async () => {
  connection.disconnect();
  await deleteRedisPrefix(prefix);
});

const envelope = (): CatalogEventEnvelope => ({
  id: randomUUID(),
  occurredAt: new Date().toISOString(),
  aggregateId: randomUUID(),
  event: { type: 'ProductDeletedV1', productId: randomUUID(), version: 2 },
});

describe('catalog event queues', () => {
  it('delivers each event id once, and moves a job that fails every attempt to the dead-letter queue', async () => {
    const consumer = `test-${randomUUID().slice(0, 6)}`;
    const [queue] = catalogEventQueues([consumer], { connection, prefix });
    const good = envelope();
    const poison = envelope();
    const handled: string[] = [];
    const dead: string[] = [];
    const { worker, deadLetters } = consumeCatalogEvents(
      consumer,
      async (e) => {
        if (e.id === poison.id) throw new Error('cannot apply this event');
        handled.push(e.id);
      },
      { connection, prefix, onDeadLetter: (job) => dead.push(String(job.id)) },
    );
    const opts = { attempts: 3, backoff: { type: 'exponential', delay: 20 } };
    await queue?.add('ProductDeletedV1', good, { ...opts, jobId: good.id });
    await queue?.add('ProductDeletedV1', good, { ...opts, jobId: good.id });
    await queue?.add('ProductDeletedV1', poison, { ...opts, jobId: poison.id });
    const deadline = Date.now() + 10_000;
    while (dead.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(handled).toEqual([good.id]);
    expect(dead).toEqual([poison.id]);
    const [letter] = await deadLetters.getJobs(['waiting']);
    expect(letter?.data).toMatchObject({ envelope: { id: poison.id }, error: 'cannot apply this event' });
    await worker.close();
    await deadLetters.close();
    await queue?.close();
  });

  it('rejects an envelope that is not a known versioned event', async () => {
    const consumer = `test-${randomUUID().slice(0, 6)}`;
    const [queue] = catalogEventQueues([consumer], { connection, prefix });
    const seen: unknown[] = [];
    const { worker, deadLetters } = consumeCatalogEvents(consumer, async (e) => void seen.push(e), {
      connection,
      prefix,
    });
    const failed = new Promise<string>((resolve) => worker.on('failed', (_job, error) => resolve(error.message)));
    await queue?.add('Unknown', { id: randomUUID(), event: { type: 'ProductExplodedV9' } }, { attempts: 1 });
    expect(await failed).toMatch(/invalid/i);
    expect(seen).toEqual([]);
    await worker.close();
    await deadLetters.close();
    await queue?.close();
  });
});

describe('order event queues', () => {
  it('delivers a valid OrderPaidV1 and refuses one without its order id', async () => {
    const consumer = `test-${randomUUID().slice(0, 6)}`;
    const [queue] = orderEventQueues([consumer], { connection, prefix });
    const orderId = randomUUID();
    const paid: OrderEventEnvelope = {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      aggregateId: orderId,
      event: { type: 'OrderPaidV1', orderId, cartId: 'AAAAAAAAAAAAAAAAAAAAAAAA', customerId: null },
    };
    const seen: OrderEventEnvelope[] = [];
    const { worker, deadLetters } = consumeOrderEvents(consumer, async (e) => void seen.push(e), {
      connection,
      prefix,
    });
    const failed = new Promise<string>((resolve) => worker.on('failed', (_job, error) => resolve(error.message)));
    await queue?.add('OrderPaidV1', paid, { jobId: paid.id });
    await queue?.add(
      'OrderPaidV1',
      { ...paid, id: randomUUID(), event: { type: 'OrderPaidV1', cartId: null, customerId: null } },
      { attempts: 1 },
    );
    expect(await failed).toMatch(/orderId/);
    const deadline = Date.now() + 5_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([paid]);
    await worker.close();
    await deadLetters.close();
    await queue?.close();
  });
});
