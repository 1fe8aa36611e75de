import { readFileSync } from 'node:fs';
import { operationCacheStats } from '@storegraph/router/operation-cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

// The router's fast path for the manifests' operations: the same answers as Apollo
// Server's pipeline gives (which still serves the same text with one more newline,
// a document no manifest holds), and everything it does not handle left to it.

const storefront = JSON.parse(
  readFileSync(new URL('../../schema/persisted-queries/storefront.json', import.meta.url), 'utf8'),
) as { operations: Array<{ id: string; name: string; body: string }> };
const op = (name: string) => {
  const found = storefront.operations.find((o) => o.name === name);
  if (!found) throw new Error(`${name} is not in storefront.json`);
  return found;
};
const HOME = op('Home');
const CART_CREATE = op('CartCreate');
const GUEST_CART = op('GuestCart');
const CATEGORY_NAME = op('CategoryName');

let sg: Supergraph;

beforeAll(async () => {
  sg = await startSupergraph();
});

afterAll(async () => {
  await sg?.stop();
});

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

/** How many requests the fast path served and passed on so far. */
async function counts() {
  const metric = await sg.routerMetrics.fastPath.get();
  const of = (result: string) => metric.values.find((v) => v.labels.result === result)?.value ?? 0;
  return { served: of('served'), passed: of('passed') };
}

/** Runs a request once on the fast path and once through Apollo Server (the same text plus a newline). */
async function bothWays(body: { query: string } & Record<string, unknown>, headers: Record<string, string> = {}) {
  const before = await counts();
  const fast = await post(body, headers);
  const middle = await counts();
  const apollo = await post({ ...body, query: `${body.query}\n` }, headers);
  const after = await counts();
  return { fast, apollo, fastServed: middle.served - before.served, apolloServed: after.served - middle.served };
}

/** The answer without what differs between any two requests (request ids, the budget left). */
const comparable = (text: string) =>
  JSON.parse(text.replace(/"requestId":"[^"]+"/g, '"requestId":"…"').replace(/"remaining":\d+/g, '"remaining":0'));

const HEADERS = ['content-type', 'ratelimit-limit', 'ratelimit-policy', 'cache-control', 'x-storegraph-cache', 'etag'];
const headersOf = (h: Headers) => Object.fromEntries(HEADERS.map((name) => [name, h.get(name)]));

describe('the router’s fast path for known operations', () => {
  it('answers a manifest query by its text exactly as Apollo Server does, cost and headers included', async () => {
    const { fast, apollo, fastServed, apolloServed } = await bothWays({ query: HOME.body, operationName: 'Home' });
    expect([fastServed, apolloServed]).toEqual([1, 0]);
    expect(fast.status).toBe(200);
    expect(fast.body.data.categories).toEqual(expect.any(Array));
    expect(fast.body.extensions.cost).toMatchObject({ requested: expect.any(Number), limit: 1_000_000 });
    expect(comparable(fast.text)).toEqual(comparable(apollo.text));
    expect(fast.text.endsWith('}\n')).toBe(true);
    expect(headersOf(fast.headers)).toEqual(headersOf(apollo.headers));
    expect(fast.headers.get('x-request-id')).toMatch(/\S/);
    expect(fast.headers.get('etag')).toBeNull();
  });

  it('converts a document to the gateway’s federation operation once, then reuses it', async () => {
    const body = { query: CATEGORY_NAME.body, variables: { slug: 'no-such-category' } };
    const viaApollo = { ...body, query: `${body.query}\n` };
    await post(body); // the fast path's prepared document
    await post(viaApollo); // Apollo Server's parsed-document cache
    const before = operationCacheStats();
    for (let i = 0; i < 3; i++) {
      expect((await post(body)).body.errors).toBeUndefined();
      expect((await post(viaApollo)).body.errors).toBeUndefined();
    }
    const after = operationCacheStats();
    expect(after.built - before.built).toBe(0);
    expect(after.reused - before.reused).toBe(6);
  });

  it('serves a persisted id resolved at the edge, and counts the operation in the GraphQL metrics', async () => {
    const homeOk = async () =>
      (await sg.routerMetrics.service.operations.get()).values.find(
        (v) => v.labels.operation === 'Home' && v.labels.outcome === 'ok',
      )?.value ?? 0;
    const before = await counts();
    const okBefore = await homeOk();
    const res = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: HOME.id } } });
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
    expect((await counts()).served).toBe(before.served + 1);
    expect(await homeOk()).toBe(okBefore + 1);
  });

  it('runs a manifest mutation, and a query after it reads what it wrote', async () => {
    const created = await post({ query: CART_CREATE.body, variables: { lines: [] } });
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.cartCreate.cart.id as string;
    expect(id).toMatch(/\S/);
    const { fast, apollo, fastServed } = await bothWays({ query: GUEST_CART.body, variables: { id } });
    expect(fastServed).toBe(1);
    expect(fast.body.data.cart).toMatchObject({ id, totalQuantity: 0, lines: [] });
    expect(comparable(fast.text).data).toEqual(comparable(apollo.text).data);
  });

  it('leaves to Apollo Server what it does not handle, which answers with its own errors', async () => {
    const cases = [
      // Variables that do not coerce: refused before anything runs.
      { body: { query: CATEGORY_NAME.body, variables: { slug: 5 } }, status: 400, code: 'BAD_USER_INPUT' },
      { body: { query: CATEGORY_NAME.body, variables: {} }, status: 400, code: 'BAD_USER_INPUT' },
      { body: { query: CATEGORY_NAME.body, variables: 'slug' }, status: 400, code: 'BAD_REQUEST' },
    ];
    for (const { body, status, code } of cases) {
      const before = await counts();
      const res = await post(body);
      const after = await counts();
      expect([res.status, res.body.errors?.[0]?.extensions?.code]).toEqual([status, code]);
      expect(after.served).toBe(before.served);
      expect(after.passed).toBe(before.passed + 1);
    }
    // Another operation name than the document's: whatever Apollo Server answers for a document it does not know.
    const named = await bothWays({ query: CATEGORY_NAME.body, operationName: 'Other', variables: { slug: 'x' } });
    expect([named.fastServed, named.apolloServed]).toEqual([0, 0]);
    expect(named.fast.status).toBe(named.apollo.status);
    expect(comparable(named.fast.text)).toEqual(comparable(named.apollo.text));
    // A client that prefers graphql-response+json gets it from Apollo Server's negotiation.
    const before = await counts();
    const negotiated = await post(
      { query: CATEGORY_NAME.body, variables: { slug: 'none' } },
      { accept: 'application/graphql-response+json' },
    );
    expect(negotiated.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(negotiated.body.data).toEqual({ category: null });
    expect((await counts()).served).toBe(before.served);
  });
});
