import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerKeyStore } from '@storegraph/router/persisted';
import { createStorefrontServer } from '@storegraph/storefront/server-app.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

// Refills so slow (one point per ~17 minutes) that no test run sees a refill.
const slow = (capacity: number) => ({ capacity, refillPerSecond: 0.001 });
const routerEnv = {
  MAX_COST: '100',
  RATE_LIMIT_TIERS: JSON.stringify({
    guest: slow(100),
    customer: slow(200),
    admin: slow(1_000),
    partner: slow(100),
    'partner-plus': slow(100),
    auth: slow(3),
  }),
};
// products(first: 10) { nodes { id } }: 2 + 10 × 1
const QUERY = '{ products(first: 10) { nodes { id } } }';
const QUERY_COST = 12;

async function call(sg: Supergraph, query: string, headers: Record<string, string> = {}, variables = {}) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as any };
}

/** Sends QUERY until refused; returns how many were served and the refusal. */
async function exhaust(sg: Supergraph, headers: Record<string, string> = {}) {
  for (let served = 0; served < 100; served += 1) {
    const { res, body } = await call(sg, QUERY, headers);
    if (res.status !== 200) return { served, res, body };
  }
  throw new Error('never refused');
}

describe('rate limits in Redis', () => {
  let sg: Supergraph;
  beforeAll(async () => {
    sg = await startSupergraph({ routerEnv });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('charges each request its calculated cost and reports the budget in headers and extensions.cost', async () => {
    const first = await call(sg, QUERY, { 'x-forwarded-for': 'ignored' });
    expect(first.res.status).toBe(200);
    expect(first.body.extensions.cost).toEqual({
      requested: QUERY_COST,
      remaining: 100 - QUERY_COST,
      limit: 100,
      restoreRate: 0.001,
    });
    expect(first.res.headers.get('ratelimit-limit')).toBe('100');
    expect(first.res.headers.get('ratelimit-remaining')).toBe(String(100 - QUERY_COST));
    expect(Number(first.res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    const second = await call(sg, '{ brands { id } }');
    // brands: a list without a size argument, 5 assumed
    expect(second.body.extensions.cost).toMatchObject({ requested: 5, remaining: 100 - QUERY_COST - 5 });
  });

  it('refuses a guest over budget with 429, Retry-After and RATE_LIMITED, and no data', async () => {
    const { served, res, body } = await exhaust(sg);
    // 83 points were left: six more queries of 12.
    expect(served).toBe(6);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit-remaining')).toBe('11');
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      cost: { requested: QUERY_COST, remaining: 11 },
    });
    expect(body.errors[0].extensions.requestId).toBe(res.headers.get('x-request-id'));
    // A cheaper operation still fits in what is left.
    expect((await call(sg, '{ me { id } }')).res.status).toBe(200);
  });

  it('keeps a separate budget per signed-in user, sized by role', async () => {
    const alice = await sg.bearer(randomUUID());
    const bob = await sg.bearer(randomUUID());
    const admin = await sg.bearer(randomUUID(), 'ADMIN');
    expect((await exhaust(sg, alice)).served).toBe(16); // 200 / 12
    expect((await call(sg, QUERY, bob)).res.status).toBe(200);
    const adminCall = await call(sg, QUERY, admin);
    expect(adminCall.body.extensions.cost.limit).toBe(1_000);
  });

  it('gives login and registration their own, stricter budget per address', async () => {
    const login = 'mutation($e: String!) { login(email: $e, password: "wrong-password") { userErrors { code } } }';
    const signedIn = await sg.bearer(randomUUID());
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await call(sg, login, signedIn, { e: `x${i}@example.com` })).res.status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(sg, login, signedIn, { e: 'y@example.com' });
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // The same user's other operations are not affected.
    expect((await call(sg, '{ me { id } }', signedIn)).res.status).toBe(200);
  });

  it('charges a partner key its own budget, whatever the address', async () => {
    const store = new PartnerKeyStore(sg.routerRedis, sg.routerConfig.REDIS_KEY_PREFIX);
    const { secret } = await store.create({
      name: 'Limited',
      tier: 'partner',
      scopes: ['read'],
      operations: ['manifest:partners'],
    });
    const page = JSON.parse(
      readFileSync(new URL('../../schema/persisted-queries/partners.json', import.meta.url), 'utf8'),
    ).operations.find((o: { name: string }) => o.name === 'PartnerCatalogPage');
    const send = () =>
      fetch(`${sg.routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': secret },
        body: JSON.stringify({
          extensions: { persistedQuery: { version: 1, sha256Hash: page.id } },
          variables: { first: 5 },
        }),
      });
    // 2 + 5 × (node 1 + brand 1 + category 1 + 5 variants × 2) + pageInfo 1 = 68 of the partner tier's 100.
    const first = await send();
    expect([first.status, first.headers.get('ratelimit-remaining')]).toEqual([200, '32']);
    const second = await send();
    expect(second.status).toBe(429);
    expect(((await second.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('the guest identity behind a trusted proxy', () => {
  let sg: Supergraph;
  beforeAll(async () => {
    sg = await startSupergraph({ routerEnv: { ...routerEnv, TRUSTED_PROXY_HOPS: '1' } });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('keeps a budget per client address from X-Forwarded-For, not one for the proxy', async () => {
    const a = { 'x-forwarded-for': '203.0.113.7' };
    expect((await exhaust(sg, a)).served).toBe(8); // 100 / 12
    const b = await call(sg, QUERY, { 'x-forwarded-for': '198.51.100.23' });
    expect([b.res.status, b.body.extensions.cost.remaining]).toEqual([200, 100 - QUERY_COST]);
    // A client cannot pose as another by prepending addresses: only the last hop is trusted.
    const spoofed = await call(sg, QUERY, { 'x-forwarded-for': '198.51.100.23, 203.0.113.7' });
    expect(spoofed.res.status).toBe(429);
  });

  it('charges sign-ins through the storefront server to each shopper, not to the storefront', async () => {
    const storefront: http.Server = createStorefrontServer({
      publicDir: '/nonexistent',
      routerUrl: new URL(sg.routerUrl),
    });
    await new Promise<void>((resolve) => storefront.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(storefront.address() as AddressInfo).port}`;
    // Shoppers behind the proxy in front of the storefront (which sets X-Forwarded-For).
    const signIn = (from: string) =>
      fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ email: `nobody-${randomUUID().slice(0, 8)}@example.com`, password: 'wrong-password' }),
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
    try {
      const first: number[] = [];
      for (let i = 0; i < 4; i += 1) first.push((await signIn('203.0.113.80')).status);
      expect(first).toEqual([200, 200, 200, 429]); // the auth tier here: 3 attempts per address
      const other = await signIn('198.51.100.81');
      expect(other.status).toBe(200);
      expect(other.json.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_CREDENTIALS' })]);
    } finally {
      await new Promise((resolve) => storefront.close(resolve));
    }
  });
});

describe('rate limits while Redis is unreachable', () => {
  let sg: Supergraph;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    const { createLogger } = await import('@storegraph/logger');
    const logger = createLogger('e2e', {
      level: 'warn',
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    // Nothing listens on port 9: every Redis command fails at once.
    sg = await startSupergraph({ routerEnv, routerRedisUrl: 'redis://127.0.0.1:9/0', logger });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('keeps serving, limits in process, and says so once in the logs and in the metrics', async () => {
    const first = await call(sg, QUERY);
    expect(first.res.status).toBe(200);
    expect(first.body.extensions.cost.remaining).toBe(100 - QUERY_COST);
    const { served, res } = await exhaust(sg);
    expect([served, res.status]).toEqual([7, 429]);
    const outage = lines.filter((l) => String(l.message).includes('Redis unreachable'));
    expect(outage).toHaveLength(1);
    const metrics = await sg.routerMetrics.registry.metrics();
    expect(metrics).toMatch(/router_rate_limit_redis_up\{service="router"\} 0/);
    expect(metrics).toMatch(/router_rate_limit_redis_outages_total\{service="router"\} 1/);
    expect(metrics).toMatch(/router_rate_limit_local_decisions_total\{service="router"\} 9/);
  });
});
