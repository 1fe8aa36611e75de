import { randomUUID } from 'node:crypto';
import { createLogger } from '@storegraph/logger';
import { seedCatalog } from '@storegraph/products/seed';
import { startTracing } from '@storegraph/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKOUT, cartWith, createProduct, guestInput } from './checkout-helpers.js';
import { type Supergraph, startSupergraph } from './supergraph.js';

// One request followed through the logs of every service it touched: the router's
// line and each subgraph's line carry the same request id and the same trace id
// (W3C trace context from the router's subgraph calls). Each service has a logger
// of its own here, as it has a process of its own in production.

const lines: Array<Record<string, any>> = [];
let sg: Supergraph;

beforeAll(async () => {
  startTracing('e2e-supergraph');
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 150 });
  sg = await startSupergraph({
    loggerFor: (service) =>
      createLogger(service, {
        level: 'info',
        destination: {
          write(line: string) {
            lines.push(JSON.parse(line));
          },
        },
      }),
  });
}, 60_000);

afterAll(async () => {
  await sg?.stop();
});

async function post(body: object, requestId: string) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: (await res.json()) as any };
}

describe('request id and trace id across the supergraph', () => {
  it('appear on the router line and on the line of every subgraph the request reached', async () => {
    const cart = await post({ query: 'mutation { cartCreate { cart { id } } }' }, `setup-${randomUUID()}`);
    const requestId = `trace-test-${randomUUID()}`;
    const res = await post(
      {
        query: `query Traced($cart: ID!) {
          products(first: 2) { nodes { id title } }
          search(query: "lamp", first: 1) { products { totalCount } }
          cart(id: $cart) { id totalQuantity }
        }`,
        variables: { cart: cart.body.data.cartCreate.cart.id },
      },
      requestId,
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.requestId).toBe(requestId);

    const mine = lines.filter((l) => l['http.request.id'] === requestId && l.message === 'request');
    const byService = new Map(mine.map((l) => [l['service.name'] as string, l]));
    const router = byService.get('router');
    expect(router, JSON.stringify(mine)).toBeDefined();
    const traceId = router?.['trace.id'];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(traceId).not.toBe('0'.repeat(32));
    for (const subgraph of ['products', 'search', 'cart']) {
      const line = byService.get(subgraph);
      expect(line, `${subgraph} logged no line for ${requestId}`).toBeDefined();
      expect(line?.['trace.id'], subgraph).toBe(traceId);
      // A span of its own, a child in the same trace.
      expect(line?.['span.id']).toMatch(/^[0-9a-f]{16}$/);
      expect(line?.['span.id']).not.toBe(router?.['span.id']);
      expect(line).toMatchObject({ 'log.level': 'info', 'url.path': '/graphql', 'http.response.status_code': 200 });
      expect(line?.['@timestamp']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    // The cart subgraph prices lines through products: that call continues the same trace too.
    const other = lines.filter((l) => l['trace.id'] === traceId);
    expect(other.every((l) => l['http.request.id'] === requestId)).toBe(true);
  });

  it('continue from an admin request through the outbox and the queue into the search consumer', async () => {
    const product = await sg.prisma.products.product.findFirstOrThrow({
      where: { deletedAt: null },
      orderBy: { slug: 'asc' },
    });
    const requestId = `trace-event-${randomUUID()}`;
    const res = await fetch(`${sg.routerUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        ...(await sg.bearer(randomUUID(), 'ADMIN')),
      },
      body: JSON.stringify({
        query: `mutation Retitle($id: ID!, $i: ProductUpdateInput!) {
          productUpdate(id: $id, input: $i) { product { id } userErrors { code } }
        }`,
        variables: { id: product.id, i: { title: `${product.title} (traced)` } },
      }),
    });
    const body = (await res.json()) as any;
    expect(body.data.productUpdate.userErrors).toEqual([]);
    const traceId = lines.find((l) => l['http.request.id'] === requestId && l['service.name'] === 'router')?.[
      'trace.id'
    ];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const productsLine = lines.find((l) => l['http.request.id'] === requestId && l['service.name'] === 'products');
    expect(productsLine?.['trace.id']).toBe(traceId);

    // The relay publishes the event after commit; the search service applies it from
    // its queue, in the same trace, in a span of its own.
    const deadline = Date.now() + 15_000;
    let handled: Record<string, any> | undefined;
    while (!handled && Date.now() < deadline) {
      handled = lines.find(
        (l) => l.message === 'event handled' && l['service.name'] === 'search' && l['trace.id'] === traceId,
      );
      if (!handled) await new Promise((r) => setTimeout(r, 50));
    }
    expect(handled, 'the search consumer logged no line in the request’s trace').toBeDefined();
    expect(handled).toMatchObject({ 'event.action': 'ProductUpsertedV1', queue: 'catalog-events.search' });
    expect(handled?.['span.id']).toMatch(/^[0-9a-f]{16}$/);
    expect(handled?.['span.id']).not.toBe(productsLine?.['span.id']);
    const document = await sg.prisma.search.searchDocument.findUniqueOrThrow({ where: { productId: product.id } });
    expect(document.title).toBe(`${product.title} (traced)`);
  });

  it('continue from a checkout through the orders outbox into the products service settling the order', async () => {
    const admin = await sg.bearer(randomUUID(), 'ADMIN');
    const [variant] = await createProduct(sg, admin, [{ price: '12.00', stock: 5 }]);
    const cartId = await cartWith(sg, [{ variantId: variant.id, quantity: 1 }]);
    const requestId = `trace-checkout-${randomUUID()}`;
    const res = await post({ query: CHECKOUT, variables: { i: guestInput(cartId) } }, requestId);
    expect(res.body.data.checkout.userErrors).toEqual([]);
    const orderId = res.body.data.checkout.order.id;
    const traceId = lines.find((l) => l['http.request.id'] === requestId && l['service.name'] === 'router')?.[
      'trace.id'
    ];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const row = await sg.prisma.orders.outboxEvent.findFirstOrThrow({
      where: { aggregateId: orderId, type: 'OrderPlacedV1' },
    });
    expect((row.traceContext as { traceparent: string }).traceparent.split('-')[1]).toBe(traceId);
    // Every order event the checkout request wrote reaches the products service in its trace.
    const deadline = Date.now() + 15_000;
    let handled: Array<Record<string, any>> = [];
    while (handled.length === 0 && Date.now() < deadline) {
      handled = lines.filter(
        (l) => l.message === 'event handled' && l['service.name'] === 'products' && l['trace.id'] === traceId,
      );
      if (handled.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(handled.length, 'products handled no order event in the checkout’s trace').toBeGreaterThan(0);
    expect(handled[0]).toMatchObject({ queue: 'order-events.products' });
  });

  it('start a new trace for each request', async () => {
    const first = `trace-a-${randomUUID()}`;
    const second = `trace-b-${randomUUID()}`;
    await post({ query: 'query A { products(first: 1) { nodes { id } } }' }, first);
    await post({ query: 'query B { products(first: 1) { nodes { id } } }' }, second);
    const traceOf = (id: string) =>
      lines.find((l) => l['http.request.id'] === id && l['service.name'] === 'router')?.['trace.id'];
    expect(traceOf(first)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceOf(second)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceOf(first)).not.toBe(traceOf(second));
  });
});
