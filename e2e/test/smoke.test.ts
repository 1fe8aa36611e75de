import { dropDatabase } from '@storegraph/prisma';
import { deleteRedisPrefix, testRedisPrefix, testRedisUrl, testRunId, testServerUrl } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The same code `npm start` runs, on this run's databases and on other ports.
import { launch, prepareDatabases, seed, testPortOffset } from '../../scripts/stack.mjs';

type Stack = Awaited<ReturnType<typeof launch>>;
let stack: Stack | undefined;
let databases: Record<string, string> = {};
const redisPrefix = testRedisPrefix('smoke');
// Far from the development ports, below the ephemeral range, apart from the other suite's lane.
const portOffset = testPortOffset(0);
const exits: Array<number | null> = [];

beforeAll(async () => {
  databases = await prepareDatabases({ serverUrl: testServerUrl(), prefix: `sg_test_${testRunId()}_smoke_`, env: {} });
  await seed({
    databases,
    products: 200,
    admin: { email: 'smoke-admin@storegraph.test', password: 'smoke-admin-password' },
    log: () => {},
  });
  stack = await launch({
    databases,
    redisUrl: testRedisUrl(),
    redisPrefix,
    portOffset,
    logLevel: 'warn',
    print: () => {},
  });
  for (const child of stack.children) child.once('exit', (code) => exits.push(code));
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all(Object.values(databases).map((url) => dropDatabase(url)));
  await deleteRedisPrefix(redisPrefix);
});

describe('the real processes (smoke)', () => {
  it('serve a cross-subgraph query through the router', async () => {
    const urls = stack?.urls as Record<string, string>;
    const created = await fetch(`${urls.router}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { cartCreate { cart { id } userErrors { code } } }' }),
    }).then((r) => r.json() as Promise<any>);
    const res = await fetch(`${urls.router}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($cart: ID!) {
          products(first: 24) { totalCount nodes { title images { url } brand { name } category { name } variants { price { amount } } } }
          me { id }
          cart(id: $cart) { totalQuantity subtotal { amount } }
          searchSuggestions(prefix: "a") { text }
        }`,
        variables: { cart: created.data.cartCreate.cart.id },
      }),
    }).then((r) => r.json() as Promise<any>);
    expect(res.errors).toBeUndefined();
    expect(res.data.products.totalCount).toBe(200);
    expect(res.data.products.nodes).toHaveLength(24);
    expect(res.data.products.nodes[0].variants[0].price.amount).toMatch(/^\d+\.\d{2}$/);
    expect(res.data.me).toBeNull();
    expect(res.data.cart).toEqual({ totalQuantity: 0, subtotal: { amount: '0.00' } });

    const image = await fetch(res.data.products.nodes[0].images[0].url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('serve the storefront page, which reaches the API through its own origin', async () => {
    const urls = stack?.urls as Record<string, string>;
    const page = await fetch(urls.storefront as string);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Storegraph</title>');
    const proxied = await fetch(`${urls.storefront}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ brands { slug } }' }),
    }).then((r) => r.json() as Promise<any>);
    expect(proxied.data.brands.length).toBeGreaterThanOrEqual(100);
  });

  it('sign in the seeded admin, whose token the router verifies against the published keys', async () => {
    const urls = stack?.urls as Record<string, string>;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${urls.router}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const login = await post({
      query:
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken userErrors { code } } }',
      variables: { e: 'smoke-admin@storegraph.test', p: 'smoke-admin-password' },
    });
    expect(login.body.data.login.userErrors).toEqual([]);
    const me = await post(
      { query: '{ me { email role } }' },
      { authorization: `Bearer ${login.body.data.login.accessToken}` },
    );
    expect(me.body.data.me).toEqual({ email: 'smoke-admin@storegraph.test', role: 'ADMIN' });
    const jwks = (await fetch(`${urls.users}/.well-known/jwks.json`).then((r) => r.json())) as {
      keys: Array<Record<string, unknown>>;
    };
    expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const forged = await post(
      { query: '{ me { id } }' },
      { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    );
    expect(forged.status).toBe(401);
    const direct = await fetch(`${urls.users}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.body.data.login.accessToken}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(direct.status).toBe(401);
  });

  it('serve Prometheus metrics on their admin ports, with the requests just served', async () => {
    const metricsUrls = stack?.metricsUrls as Record<string, string>;
    expect(Object.keys(metricsUrls).sort()).toEqual(['cart', 'orders', 'products', 'router', 'search', 'users']);
    for (const [name, url] of Object.entries(metricsUrls)) {
      const res = await fetch(url);
      expect(res.status, name).toBe(200);
      const text = await res.text();
      expect(text, name).toContain(`process_cpu_user_seconds_total{service="${name}"}`);
      expect(text, name).toMatch(/^http_requests_total\{/m);
    }
    const router = await fetch(metricsUrls.router as string).then((r) => r.text());
    expect(router).toMatch(/^router_subgraph_fetch_duration_seconds_count\{[^}]*subgraph="products"/m);
    const products = await fetch(metricsUrls.products as string).then((r) => r.text());
    expect(products).toMatch(/^catalog_outbox_lag_seconds\{service="products"\} \d/m);
    expect(products).toMatch(/^catalog_queue_jobs\{[^}]*queue="[^"]*search[^"]*"/m);
    expect(products).toMatch(/^db_query_duration_seconds_count\{[^}]*statement="SELECT"/m);
  });

  it('are all ready, and stop cleanly on SIGTERM', async () => {
    for (const url of Object.values(stack?.urls ?? {})) {
      const ready = await fetch(`${url}${url.endsWith(String(3000 + portOffset)) ? '/healthz' : '/readyz'}`);
      expect(ready.status).toBe(200);
    }
    await stack?.stop();
    expect(exits).toHaveLength(7);
    expect(exits.every((code) => code === 0)).toBe(true);
  });
});
