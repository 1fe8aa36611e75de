import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let hanging: Server;

beforeAll(async () => {
  // search points at a port nothing listens on, cart at a server that never answers.
  hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/graphql`;
  sg = await startSupergraph({
    subgraphUrlOverrides: { search: 'http://127.0.0.1:9/graphql', cart: hangingUrl },
    subgraphTimeoutMs: 400,
  });
});

afterAll(async () => {
  await sg?.stop();
  hanging?.closeAllConnections();
  hanging?.close();
});

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${sg.routerUrl}/graphql`, { method: 'POST', headers, body });

describe('router edge', () => {
  it('stays live and ready while a subgraph is down, naming it in readiness', async () => {
    expect((await fetch(`${sg.routerUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${sg.routerUrl}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('degraded');
    expect(body.checks).toMatchObject({ users: 'up', products: 'up', orders: 'up', search: 'down' });
  });

  it('refuses mutations over GET', async () => {
    const query = encodeURIComponent('mutation { cartCreate { cart { id } } }');
    const res = await fetch(`${sg.routerUrl}/graphql?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
  });

  it('blocks simple cross-site requests (CSRF prevention)', async () => {
    const res = await post(JSON.stringify({ query: '{ brands { id } }' }), { 'content-type': 'text/plain' });
    expect(res.status).toBe(400);
    const get = await fetch(`${sg.routerUrl}/graphql?query=${encodeURIComponent('{ brands { id } }')}`);
    expect(get.status).toBe(400);
  });

  it('rejects bodies over the limit with 413 and malformed JSON with 400, without internals', async () => {
    const big = await post(JSON.stringify({ query: `{ brands { id } } #${'x'.repeat(1_100_000)}` }));
    expect(big.status).toBe(413);
    const broken = await post('{"query": ');
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(text).not.toMatch(/at .*\.js|node_modules|SyntaxError/);
  });

  it('keeps the rest of a response when one subgraph is down, and leaks nothing about it', async () => {
    // A nullable field resolved by products survives; search's failure is reported, masked.
    const res = await sg.gql(
      '{ products(first: 1) { totalCount } suggestions: searchSuggestions(prefix: "a") { text } }',
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const text = JSON.stringify(res.errors);
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost|stack|fetch failed/i);
    const healthy = await sg.gql('{ products(first: 1) { totalCount } }');
    expect(healthy.errors).toBeUndefined();
  });

  it('bounds every subgraph call by the timeout', async () => {
    const started = Date.now();
    const res = await sg.gql('{ cart(id: "AAAAAAAAAAAAAAAAAAAAAAAA") { id } }');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('masks validation hints and propagates the request id', async () => {
    const res = await post(JSON.stringify({ query: '{ prodcts { id } }' }), {
      'content-type': 'application/json',
      'x-request-id': 'e2e-request-0001',
    });
    expect(res.headers.get('x-request-id')).toBe('e2e-request-0001');
    const body = await res.text();
    expect(body).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(body).not.toMatch(/Did you mean/);
  });
});
