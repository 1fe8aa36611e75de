import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { type CatalogEventEnvelope, catalogEventQueues, consumeCatalogEvents } from '@storegraph/events';
import { startTracing } from '@storegraph/service';
import { silentLogger, testRedisUrl } from '@storegraph/testkit';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordProductsChanged } from '../src/data/catalog-documents.js';
import { createPrismaClient, sqlOf } from '../src/data/prisma-client.js';
import { OutboxRelay } from '../src/events/outbox-relay.js';
import { resetCatalog } from './catalog-fixture.js';

// Trace context through the queue: the request that writes an event, the relay's
// publish span and the consumer's handler are one trace, so a search reindex of a
// product can be followed back to the admin request that changed it.

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
const prefix = `${process.env.PRODUCTS_TEST_QUEUE_PREFIX}:${randomUUID().slice(0, 8)}`;
const consumer = `trace-${randomUUID().slice(0, 6)}`;
let queue: Queue;
let productId: string;

const parse = (traceparent: string) => {
  const [, traceId, spanId] = traceparent.split('-');
  return { traceId, spanId };
};

beforeAll(async () => {
  startTracing('products-test');
  [queue] = catalogEventQueues([consumer], { connection, prefix }) as [Queue];
});

beforeEach(async () => {
  await resetCatalog(prisma, [
    {
      slug: 'traced-lamp',
      title: 'Traced Lamp',
      categorySlug: 'shirts',
      createdAt: new Date(),
      variants: [{ sku: 'TL-1', priceMinor: 4500, quantityOnHand: 3 }],
    },
  ]);
  await prisma.$executeRawUnsafe('TRUNCATE outbox_events');
  await queue.obliterate({ force: true });
  productId = (await prisma.product.findUniqueOrThrow({ where: { slug: 'traced-lamp' } })).id;
});

afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await prisma.$disconnect();
});

/** Runs the consumer until it has handled one event; returns what the handler saw. */
async function consumeOne() {
  const seen: Array<{ envelope: CatalogEventEnvelope; traceId?: string; spanId?: string }> = [];
  const lines: Array<Record<string, unknown>> = [];
  const events = consumeCatalogEvents(
    consumer,
    async (envelope) => {
      const span = trace.getSpan(context.active())?.spanContext();
      seen.push({ envelope, traceId: span?.traceId, spanId: span?.spanId });
    },
    {
      connection,
      prefix,
      log: {
        error: () => undefined,
        info: (details) => lines.push({ ...details, active: trace.getSpan(context.active())?.spanContext() }),
      },
    },
  );
  const deadline = Date.now() + 10_000;
  while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  await events.stop();
  return { seen, lines };
}

describe('trace context through the outbox and the queue', () => {
  it('carries the writing request’s trace into the job and the consumer’s handler', async () => {
    const tracer = trace.getTracer('test');
    const request = tracer.startSpan('POST /graphql');
    const { traceId, spanId: requestSpanId } = request.spanContext();
    await context.with(trace.setSpan(context.active(), request), () =>
      prisma.$transaction((tx) => recordProductsChanged(tx, [productId], 'price_changed')),
    );
    request.end();

    const row = await prisma.outboxEvent.findFirstOrThrow();
    const written = row.traceContext as { traceparent: string };
    expect(parse(written.traceparent)).toEqual({ traceId, spanId: requestSpanId });

    // The relay runs outside any request; the job still continues the request's trace,
    // from a publish span of its own.
    await new OutboxRelay({ db: sqlOf(prisma), queues: [queue], logger: silentLogger() }).relayOnce();
    const [job] = await queue.getJobs(['waiting']);
    const carried = parse(job?.data.trace.traceparent);
    expect(carried.traceId).toBe(traceId);
    expect(carried.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(carried.spanId).not.toBe(requestSpanId);

    const { seen, lines } = await consumeOne();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.envelope.id).toBe(row.id);
    expect(seen[0]?.traceId).toBe(traceId);
    // The handler runs in a consumer span, a child of the publish span.
    expect(seen[0]?.spanId).not.toBe(carried.spanId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      queue: `catalog-events.${consumer}`,
      eventId: row.id,
      'event.action': 'ProductUpsertedV1',
    });
    expect((lines[0]?.active as { traceId: string } | undefined)?.traceId).toBe(traceId);
  });

  it('gives an event written outside any trace a trace of its own when it is handled', async () => {
    await prisma.$transaction((tx) => recordProductsChanged(tx, [productId], 'stock_changed'));
    expect((await prisma.outboxEvent.findFirstOrThrow()).traceContext).toBeNull();
    await new OutboxRelay({ db: sqlOf(prisma), queues: [queue], logger: silentLogger() }).relayOnce();
    const [job] = await queue.getJobs(['waiting']);
    expect(job?.data.trace).toBeUndefined();
    const { seen } = await consumeOne();
    expect(seen[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen[0]?.traceId).not.toBe('0'.repeat(32));
  });

  it('drops a malformed trace context instead of passing it on', async () => {
    await prisma.$transaction((tx) => recordProductsChanged(tx, [productId], 'updated'));
    await prisma.outboxEvent.updateMany({
      data: { traceContext: { traceparent: "00-'; DROP TABLE x;--", tracestate: 'a'.repeat(10_000), extra: 'x' } },
    });
    await new OutboxRelay({ db: sqlOf(prisma), queues: [queue], logger: silentLogger() }).relayOnce();
    const [job] = await queue.getJobs(['waiting']);
    expect(job?.data.trace).toBeUndefined();
    const { seen } = await consumeOne();
    expect(seen).toHaveLength(1);
  });
});
