import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKOUT, cartWith, createProduct, guestInput, waitFor } from './checkout-helpers.js';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;

beforeAll(async () => {
  sg = await startSupergraph();
}, 60_000);

afterAll(async () => {
  await sg?.stop();
});

/** One series' value from a registry, matching the given labels (a subset). */
async function value(service: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const registry = sg.metrics[service];
  if (!registry) throw new Error(`no registry for ${service}`);
  // A histogram's series (_count, _sum, _bucket) belong to the metric of the base name.
  const base = name.replace(/_(count|sum|bucket)$/, '');
  const metric = await (registry.getSingleMetric(name) ?? registry.getSingleMetric(base))?.get();
  if (!metric) return 0;
  return metric.values
    .filter((v) => ((v as { metricName?: string }).metricName ?? metric.name) === name)
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

async function named(operationName: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await res.json()) as any;
}

describe('metrics across the supergraph', () => {
  it('counts an operation at the router by name and times each subgraph fetch it made', async () => {
    const before = await value('router', 'graphql_operations_total', { operation: 'MetricsHome', outcome: 'ok' });
    const fetchesBefore = await value('router', 'router_subgraph_fetch_duration_seconds_count', {
      subgraph: 'products',
      outcome: 'ok',
    });
    const res = await named('MetricsHome', 'query MetricsHome { products(first: 2) { nodes { id } } }');
    expect(res.errors).toBeUndefined();
    expect(await value('router', 'graphql_operations_total', { operation: 'MetricsHome', outcome: 'ok' })).toBe(
      before + 1,
    );
    expect(
      await value('router', 'router_subgraph_fetch_duration_seconds_count', { subgraph: 'products', outcome: 'ok' }),
    ).toBe(fetchesBefore + 1);
    // The subgraph counts the call it served under the operation name the router gave it.
    expect(await value('products', 'graphql_operations_total', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(await value('router', 'http_requests_total', { route: '/graphql', status: '200' })).toBeGreaterThan(0);
  });

  it('counts failed operations and their error codes at the router', async () => {
    const res = await named('MetricsBroken', 'query MetricsBroken { noSuchField }');
    expect(res.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(
      await value('router', 'graphql_errors_total', { operation: 'MetricsBroken', code: 'GRAPHQL_VALIDATION_FAILED' }),
    ).toBe(1);
  });

  it('counts cart adds by outcome', async () => {
    const created = await named('MetricsCart', 'mutation MetricsCart { cartCreate { cart { id } } }');
    const cartId = created.data.cartCreate.cart.id;
    const before = await value('cart', 'cart_adds_total', { outcome: 'refused' });
    const res = await named(
      'MetricsAdd',
      'mutation MetricsAdd($cartId: ID!, $lines: [CartLineInput!]!) { cartLinesAdd(cartId: $cartId, lines: $lines) { userErrors { code } } }',
      { cartId, lines: [{ variantId: randomUUID(), quantity: 1 }] },
    );
    expect(res.data.cartLinesAdd.userErrors.length).toBeGreaterThan(0);
    expect(await value('cart', 'cart_adds_total', { outcome: 'refused' })).toBe(before + 1);
  });

  it('counts searches that found nothing', async () => {
    const before = await value('search', 'search_queries_total', { kind: 'text', result: 'zero' });
    const res = await named(
      'MetricsSearch',
      'query MetricsSearch($q: String) { search(query: $q, first: 1) { products { totalCount } } }',
      { q: `zz${randomUUID().slice(0, 8)}qq` },
    );
    expect(res.data.search.products.totalCount).toBe(0);
    expect(await value('search', 'search_queries_total', { kind: 'text', result: 'zero' })).toBe(before + 1);
  });
});

describe('order metrics', () => {
  it('count orders placed, paid and failed, and payment failures by provider, as the changes commit', async () => {
    const admin = await sg.bearer(randomUUID(), 'ADMIN');
    const [variant] = await createProduct(sg, admin, [{ price: '12.00', stock: 10 }]);
    const count = (status: string) => value('orders', 'orders_total', { status });
    const before = {
      placed: await count('PENDING_PAYMENT'),
      paid: await count('PAID'),
      failed: await count('PAYMENT_FAILED'),
      testFailures: await value('orders', 'orders_payment_failures_total', { provider: 'test' }),
    };
    for (const token of ['tok_visa', 'tok_chargeDeclined']) {
      const cartId = await cartWith(sg, [{ variantId: variant?.id as string, quantity: 1 }]);
      const res = await sg.gql(CHECKOUT, { i: guestInput(cartId, token) });
      expect(res.data.checkout.userErrors).toEqual([]);
    }
    await waitFor(
      () => count('PAYMENT_FAILED'),
      (n) => n >= before.failed + 1,
    );
    await waitFor(
      () => count('PAID'),
      (n) => n >= before.paid + 1,
    );
    expect(await count('PENDING_PAYMENT')).toBe(before.placed + 2);
    expect(await count('PAID')).toBe(before.paid + 1);
    expect(await count('PAYMENT_FAILED')).toBe(before.failed + 1);
    expect(await value('orders', 'orders_payment_failures_total', { provider: 'test' })).toBe(before.testFailures + 1);
  });
});
