import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

const CART_ID = 'AAAAAAAAAAAAAAAAAAAAAAAA';
const QUERY = `{ products(first: 1) { totalCount } cart(id: "${CART_ID}") { id } }`;

describe('a subgraph killed mid-test', () => {
  let sg: Supergraph;
  beforeAll(async () => {
    sg = await startSupergraph({ routerEnv: { CIRCUIT_FAILURE_THRESHOLD: '2', CIRCUIT_OPEN_MS: '600000' } });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('serves the other subgraphs’ data with a masked error for the missing part, and stays ready', async () => {
    const before = await sg.gql(QUERY);
    expect(before.errors).toBeUndefined();
    await sg.stopSubgraph('cart');

    const after = await sg.gql(QUERY);
    expect(after.status).toBe(200);
    expect(after.data).toEqual({ products: { totalCount: expect.any(Number) }, cart: null });
    expect(after.errors).toHaveLength(1);
    expect(after.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(after.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed|stack/i);

    expect((await fetch(`${sg.routerUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${sg.routerUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).checks.cart).toBe('down');
  });

  it('opens the circuit after consecutive failures and reports it in the metrics', async () => {
    await sg.gql(QUERY);
    const metrics = await sg.routerMetrics.registry.metrics();
    expect(metrics).toMatch(/router_subgraph_circuit_open\{subgraph="cart"\} 1/);
    expect(metrics).toMatch(/router_subgraph_circuit_open\{subgraph="products"\} 0/);
    const open = await sg.gql(QUERY);
    expect(open.data.products.totalCount).toEqual(expect.any(Number));
    expect(open.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
  });
});

/** A stand-in cart subgraph that resets the connections it is told to, and counts every request. */
function flakyCart() {
  const state = { requests: 0, resets: 0, hang: false, bodies: [] as string[] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      state.requests += 1;
      state.bodies.push(body);
      if (state.hang) return;
      if (state.resets > 0) {
        state.resets -= 1;
        req.socket.destroy();
        return;
      }
      const mutation = /^\s*mutation/.test(JSON.parse(body).query);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: mutation ? { cartCreate: { cart: null, userErrors: [] } } : { cart: null } }));
    });
  });
  return { server, state };
}

describe('retries and the circuit breaker against a flaky subgraph', () => {
  let sg: Supergraph;
  const flaky = flakyCart();
  beforeAll(async () => {
    await new Promise<void>((resolve) => flaky.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(flaky.server.address() as AddressInfo).port}/graphql`;
    sg = await startSupergraph({
      subgraphUrlOverrides: { cart: url },
      routerEnv: { CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_OPEN_MS: '500', SUBGRAPH_TIMEOUTS: 'cart=300' },
    });
  });
  afterAll(async () => {
    await sg?.stop();
    flaky.server.closeAllConnections();
    flaky.server.close();
  });

  it('retries a query once when its connection fails', async () => {
    flaky.state.requests = 0;
    flaky.state.resets = 1;
    const res = await sg.gql(`{ cart(id: "${CART_ID}") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ cart: null });
    expect(flaky.state.requests).toBe(2);
    expect(await sg.routerMetrics.registry.metrics()).toMatch(/router_subgraph_retries_total\{subgraph="cart"\} 1/);
  });

  it('bounds the subgraph by its own timeout, and does not retry a call that timed out', async () => {
    flaky.state.requests = 0;
    flaky.state.hang = true;
    const started = Date.now();
    const res = await sg.gql(`{ cart(id: "${CART_ID}") { id } }`);
    // SUBGRAPH_TIMEOUT_MS is 3000 in these tests; cart's own timeout is 300.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(flaky.state.requests).toBe(1);
    flaky.state.hang = false;
  });

  it('never retries a mutation', async () => {
    flaky.state.requests = 0;
    flaky.state.resets = 1;
    const res = await sg.gql('mutation { cartCreate { cart { id } } }');
    expect(res.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(flaky.state.requests).toBe(1);
  });

  it('stops calling a failing subgraph, then lets one probe through and closes on its success', async () => {
    // A success resets the count of consecutive failures (the timeout and the mutation above were two).
    flaky.state.resets = 0;
    expect((await sg.gql(`{ cart(id: "${CART_ID}") { id } }`)).errors).toBeUndefined();
    flaky.state.requests = 0;
    flaky.state.resets = 100;
    // Three failed queries (each tried twice) open the circuit.
    for (let i = 0; i < 3; i += 1) {
      expect((await sg.gql(`{ cart(id: "${CART_ID}") { id } }`)).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect(flaky.state.requests).toBe(6);
    const refused = await sg.gql(`{ cart(id: "${CART_ID}") { id } }`);
    expect(refused.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(flaky.state.requests).toBe(6);

    flaky.state.resets = 0;
    await sleep(600);
    const probe = await sg.gql(`{ cart(id: "${CART_ID}") { id } }`);
    expect(probe.errors).toBeUndefined();
    expect(flaky.state.requests).toBe(7);
    expect(await sg.routerMetrics.registry.metrics()).toMatch(/router_subgraph_circuit_open\{subgraph="cart"\} 0/);
  });
});
