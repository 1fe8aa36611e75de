import { randomUUID } from 'node:crypto';
import { CatalogEventEnvelope, catalogEventQueues } from '@storegraph/events';
import { silentLogger, testRedisUrl } from '@storegraph/testkit';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordProductDeleted, recordProductsChanged } from '../src/data/catalog-documents.js';
import { createPrismaClient, sqlOf } from '../src/data/prisma-client.js';
import { OutboxRelay } from '../src/events/outbox-relay.js';
import { resetCatalog } from './catalog-fixture.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
const prefix = `${process.env.PRODUCTS_TEST_QUEUE_PREFIX}:${randomUUID().slice(0, 8)}`;
let queues: Queue[];

const jobsOf = async (queue: Queue) => queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);

beforeAll(async () => {
  queues = catalogEventQueues(['search', 'recommendations'], { connection, prefix });
});

beforeEach(async () => {
  await resetCatalog(prisma, [
    {
      slug: 'relay-shirt',
      title: 'Relay Shirt',
      categorySlug: 'shirts',
      brandSlug: 'acme',
      createdAt: new Date(),
      variants: [{ sku: 'RS-1', priceMinor: 2500, quantityOnHand: 4 }],
    },
    {
      slug: 'relay-boot',
      title: 'Relay Boot',
      categorySlug: 'footwear',
      createdAt: new Date(),
      variants: [{ sku: 'RB-1', priceMinor: 9900, quantityOnHand: 0 }],
    },
  ]);
  await prisma.$executeRawUnsafe('TRUNCATE outbox_events');
  for (const queue of queues) await queue.obliterate({ force: true });
});

afterAll(async () => {
  for (const queue of queues) await queue.close();
  connection.disconnect();
  await prisma.$disconnect();
});

describe('outbox relay', () => {
  it('publishes each committed event once to every consumer queue, as a valid versioned envelope', async () => {
    const shirt = await prisma.product.findUniqueOrThrow({ where: { slug: 'relay-shirt' } });
    await prisma.$transaction(async (tx) => {
      await tx.productVariant.updateMany({ where: { productId: shirt.id }, data: { priceMinor: 2200 } });
      await recordProductsChanged(tx, [shirt.id], 'price_changed');
    });
    const relay = new OutboxRelay({ db: sqlOf(prisma), queues, logger: silentLogger() });
    expect(await relay.relayOnce()).toBe(1);
    expect(await relay.relayOnce()).toBe(0);
    for (const queue of queues) {
      const jobs = await jobsOf(queue);
      expect(jobs).toHaveLength(1);
      const envelope = CatalogEventEnvelope.parse(jobs[0]?.data);
      expect(envelope.aggregateId).toBe(shirt.id);
      expect(envelope.event).toMatchObject({
        type: 'ProductUpsertedV1',
        change: 'price_changed',
        product: {
          slug: 'relay-shirt',
          version: Number(shirt.version) + 1,
          variants: [{ priceMinor: 2200, quantityAvailable: 4 }],
        },
      });
      expect(jobs[0]?.id).toBe(envelope.id);
    }
  });

  it('writes nothing when the change rolls back', async () => {
    const shirt = await prisma.product.findUniqueOrThrow({ where: { slug: 'relay-shirt' } });
    await expect(
      prisma.$transaction(async (tx) => {
        await recordProductsChanged(tx, [shirt.id], 'updated');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await prisma.outboxEvent.count()).toBe(0);
  });

  it('publishes exactly one job per event even when the relay crashes between publishing and marking sent', async () => {
    const [shirt, boot] = await Promise.all([
      prisma.product.findUniqueOrThrow({ where: { slug: 'relay-shirt' } }),
      prisma.product.findUniqueOrThrow({ where: { slug: 'relay-boot' } }),
    ]);
    await prisma.$transaction(async (tx) => {
      await recordProductsChanged(tx, [shirt.id], 'stock_changed');
      await recordProductDeleted(tx, boot.id);
    });
    const crashing = new OutboxRelay({
      db: sqlOf(prisma),
      queues,
      logger: silentLogger(),
      afterPublish: async () => {
        throw new Error('relay process died');
      },
    });
    await expect(crashing.relayOnce()).rejects.toThrow('relay process died');
    expect(await prisma.outboxEvent.count({ where: { publishedAt: null } })).toBe(2);
    for (const queue of queues) expect(await jobsOf(queue)).toHaveLength(2);

    const healthy = new OutboxRelay({ db: sqlOf(prisma), queues, logger: silentLogger() });
    expect(await healthy.relayOnce()).toBe(2);
    expect(await prisma.outboxEvent.count({ where: { publishedAt: null } })).toBe(0);
    for (const queue of queues) {
      const jobs = await jobsOf(queue);
      expect(jobs).toHaveLength(2);
      expect(jobs.map((j) => j.data.event.type).sort()).toEqual(['ProductDeletedV1', 'ProductUpsertedV1']);
    }
  });

  it('runs continuously and drains a backlog in order', async () => {
    const shirt = await prisma.product.findUniqueOrThrow({ where: { slug: 'relay-shirt' } });
    for (let i = 0; i < 5; i += 1) {
      await prisma.$transaction((tx) => recordProductsChanged(tx, [shirt.id], 'updated'));
    }
    const relay = new OutboxRelay({
      db: sqlOf(prisma),
      queues: [queues[0] as Queue],
      logger: silentLogger(),
      batchSize: 2,
      idleMs: 50,
    });
    relay.start();
    const deadline = Date.now() + 5_000;
    while ((await prisma.outboxEvent.count({ where: { publishedAt: null } })) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await relay.stop();
    const versions = (await (queues[0] as Queue).getJobs(['waiting'], 0, -1, true)).map(
      (j) => j.data.event.product.version,
    );
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions).toHaveLength(5);
  });
});
