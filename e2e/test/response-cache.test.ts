import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { testRedisUrl } from '@storegraph/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKOUT, cartWith, createProduct, guestInput, waitFor } from './checkout-helpers.js';
import { type Supergraph, startSupergraph } from './supergraph.js';

// The router's response cache with change notices as in production: the products
// service's outbox relay and the search service (after writing, and after its doc
// values took a change in) publish on the channel the router listens to.

let sg: Supergraph;
let admin: Record<string, string>;
/** The test's own subscription to the change notices the router gets, and when each product's last one came. */
let listener: Redis;
const lastNotice = new Map<string, number>();

beforeAll(async () => {
  sg = await startSupergraph({ routerEnv: { RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL_MS: '600000' } });
  admin = await sg.bearer(randomUUID(), 'ADMIN');
  listener = new Redis(testRedisUrl());
  listener.on('message', (_channel: string, message: string) => {
    const change = JSON.parse(message) as { productIds?: string[] };
    for (const id of change.productIds ?? []) lastNotice.set(id, Date.now());
  });
  await listener.subscribe(sg.routerConfig.CATALOG_CHANGES_CHANNEL);
  // The subscription is live once the router has subscribed.
  await waitFor(
    async () => (await ask(PRODUCT, { slug: 'warming-up' })).cache,
    (cache) => cache === 'miss',
    10_000,
  );
});

afterAll(async () => {
  listener?.disconnect();
  await sg?.stop();
});

const PRODUCT = `query ProductPage($slug: String!) { product(slug: $slug) { id slug title variants { id quantityAvailable price { amount } } } }`;
const SEARCH = `query Search($q: String) { search(query: $q, first: 5) { products { totalCount nodes { id title } } } }`;

/** Asks the router, returning the answer and its cache header. */
async function ask(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: res.headers.get('x-storegraph-cache'), body: (await res.json()) as any };
}

/**
 * Waits until the products relay has published every event of this product and its
 * notices have stopped arriving (the relay sends them after its batch commits, so the
 * last one can come after the outbox reads published): a later notice would drop an
 * answer a test has just seen kept.
 */
async function announced(productId: string) {
  await waitFor(
    async () =>
      (
        await sg.prisma.products.$queryRaw<Array<{ n: bigint }>>`
          SELECT count(*) AS n FROM outbox_events WHERE aggregate_id = ${productId}::uuid AND published_at IS NULL`
      )[0]?.n,
    (n) => Number(n) === 0,
    10_000,
  );
  await waitFor(
    async () => Date.now() - (lastNotice.get(productId) ?? 0),
    (quiet) => quiet >= 500,
    10_000,
  );
}

/**
 * Asks until the answer comes from memory: a product just written is still being
 * announced (the relay's notice drops the first answers kept), so a test starts from a
 * settled cache.
 */
async function settled(query: string, variables: Record<string, unknown>) {
  return waitFor(
    () => ask(query, variables),
    (answer) => answer.cache === 'hit',
    10_000,
  );
}

async function product(title: string) {
  const [variant] = await createProduct(sg, admin, [{ price: '12.00', stock: 6 }]);
  const row = await sg.prisma.products.productVariant.findUniqueOrThrow({
    where: { id: variant.id },
    include: { product: true },
  });
  await sg.gql(
    `mutation($id: ID!, $i: ProductUpdateInput!) { productUpdate(id: $id, input: $i) { userErrors { code } } }`,
    { id: row.productId, i: { title } },
    admin,
  );
  await announced(row.productId);
  return { slug: row.product.slug, productId: row.productId, variantId: variant.id };
}

describe('the router’s response cache', () => {
  it('answers a public product page from memory the second time, without asking the products service', async () => {
    const { slug } = await product(`Cached ${randomUUID().slice(0, 8)}`);
    const first = await ask(PRODUCT, { slug });
    expect(first.cache).toBe('miss');
    expect(first.body.data.product.slug).toBe(slug);
    await settled(PRODUCT, { slug });
    const queries = sg.productQueries.length;
    const second = await ask(PRODUCT, { slug });
    expect(second).toEqual({ cache: 'hit', body: first.body });
    expect(sg.productQueries.length).toBe(queries);
    // The same answer for a signed-in customer: products' answers do not depend on the caller.
    const customer = await sg.bearer(randomUUID());
    expect((await ask(PRODUCT, { slug }, customer)).cache).toBe('hit');
    const metrics = await sg.metrics.router?.getSingleMetricAsString('router_response_cache_total');
    expect(metrics).toMatch(/result="hit"[^}]*} [1-9]/);
  });

  it('serves and drops the storefront’s own ProductPage the same way on the fast path of manifest operations', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../schema/persisted-queries/storefront.json', import.meta.url), 'utf8'),
    ) as { operations: Array<{ id: string; name: string; body: string }> };
    const page = manifest.operations.find((o) => o.name === 'ProductPage') as { id: string; body: string };
    const served = async () =>
      (await sg.routerMetrics.fastPath.get()).values.find((v) => v.labels.result === 'served')?.value ?? 0;
    const { slug, productId } = await product(`Fast ${randomUUID().slice(0, 8)}`);
    const before = await served();
    const first = await ask(page.body, { slug });
    expect(first.cache).toBe('miss');
    const hit = await settled(page.body, { slug });
    expect(hit.body.data.product.slug).toBe(slug);
    const queries = sg.productQueries.length;
    expect(await ask(page.body, { slug })).toEqual({ cache: 'hit', body: hit.body });
    expect(sg.productQueries.length).toBe(queries);
    expect(await served()).toBeGreaterThanOrEqual(before + 3);
    // A change through the router (a mutation on the fast path's neighbour, Apollo Server) drops it at once.
    const title = `Fast after ${randomUUID().slice(0, 8)}`;
    await sg.gql(
      `mutation($id: ID!, $i: ProductUpdateInput!) { productUpdate(id: $id, input: $i) { userErrors { code } } }`,
      { id: productId, i: { title } },
      admin,
    );
    const next = await ask(page.body, { slug });
    expect(next.cache).toBe('miss');
    expect(next.body.data.product.title).toBe(title);
  });

  it('drops an answer at once when an admin changes the product through the router', async () => {
    const { slug, productId } = await product(`Before ${randomUUID().slice(0, 8)}`);
    await settled(PRODUCT, { slug });
    const title = `After ${randomUUID().slice(0, 8)}`;
    const updated = await sg.gql(
      `mutation($id: ID!, $i: ProductUpdateInput!) { productUpdate(id: $id, input: $i) { userErrors { code } } }`,
      { id: productId, i: { title } },
      admin,
    );
    expect(updated.data.productUpdate.userErrors).toEqual([]);
    const next = await ask(PRODUCT, { slug });
    expect(next.cache).toBe('miss');
    expect(next.body.data.product.title).toBe(title);
  });

  it('drops a product page when its stock changes elsewhere (a checkout), told by the products service’s notice', async () => {
    const { slug, variantId } = await product(`Stock ${randomUUID().slice(0, 8)}`);
    const before = await ask(PRODUCT, { slug });
    expect(before.body.data.product.variants[0].quantityAvailable).toBe(6);
    await settled(PRODUCT, { slug });
    const cartId = await cartWith(sg, [{ variantId, quantity: 2 }]);
    const placed = await sg.gql(CHECKOUT, { i: guestInput(cartId) });
    expect(placed.data.checkout.userErrors).toEqual([]);
    // Reserved by the orders service calling products directly: no mutation of products went through the router.
    const after = await waitFor(
      () => ask(PRODUCT, { slug }),
      (answer) => answer.body.data.product.variants[0].quantityAvailable === 4,
      10_000,
    );
    expect(after.cache).toBe('miss');
  });

  it('keeps a product page when another product changes, and drops a "not found" when any product changes', async () => {
    const kept = await product(`Kept ${randomUUID().slice(0, 8)}`);
    const other = await product(`Other ${randomUUID().slice(0, 8)}`);
    await settled(PRODUCT, { slug: kept.slug });
    const missing = `e2e-not-yet-${randomUUID().slice(0, 8)}`;
    expect((await settled(PRODUCT, { slug: missing })).body.data.product).toBeNull();
    // The other product's stock changes outside the router (a checkout): only its notice arrives.
    const cartId = await cartWith(sg, [{ variantId: other.variantId, quantity: 1 }]);
    expect((await sg.gql(CHECKOUT, { i: guestInput(cartId) })).data.checkout.userErrors).toEqual([]);
    await waitFor(
      () => ask(PRODUCT, { slug: missing }),
      (answer) => answer.cache === 'miss',
      10_000,
    );
    expect((await ask(PRODUCT, { slug: kept.slug })).cache).toBe('hit');
  });

  it('drops a search answer once the search service has taken a change in', async () => {
    const word = `zqx${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const empty = await settled(SEARCH, { q: word });
    expect(empty.body.data.search.products.totalCount).toBe(0);
    const { productId } = await product(`Searchable ${word}`);
    const found = await waitFor(
      () => ask(SEARCH, { q: word }),
      (answer) => answer.body.data.search.products.totalCount === 1,
      15_000,
    );
    expect(found.body.data.search.products.nodes[0].id).toBe(productId);
  });

  it('never serves what depends on the caller, a mutation, or an answer with errors', async () => {
    const customer = await sg.bearer(randomUUID());
    expect((await ask('query { me { id } }', {}, customer)).cache).toBeNull();
    const mixed = await ask('query($id: ID!) { cart(id: $id) { id } categories { slug } }', { id: randomUUID() });
    expect(mixed.cache).toBeNull();
    const failing = 'query { search(query: "x", first: 500) { products { totalCount } } }';
    const refused = await ask(failing, {});
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    expect((await ask(failing, {})).cache).not.toBe('hit');
  });

  it('serves nothing from memory while change notices may be missed, and starts empty afterwards', async () => {
    const { slug } = await product(`Gap ${randomUUID().slice(0, 8)}`);
    await settled(PRODUCT, { slug });
    // Drop the router's subscription connection (only this router's: it is named after its key prefix).
    const redis = new Redis(testRedisUrl());
    try {
      const name = `${sg.routerConfig.REDIS_KEY_PREFIX}catalog-changes`.replace(/[^A-Za-z0-9:_-]/g, '_');
      const clients = (await redis.client('LIST')) as string;
      const ids = clients
        .split('\n')
        .filter((line) => line.includes(` name=${name} `))
        .map((line) => /id=(\d+)/.exec(line)?.[1]);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) await redis.client('KILL', 'ID', id as string);
    } finally {
      redis.disconnect();
    }
    // Once subscribed again, the earlier answer is gone: whatever changed meanwhile is unknown.
    const again = await waitFor(
      () => ask(PRODUCT, { slug }),
      (answer) => answer.cache === 'miss',
      10_000,
    );
    expect(again.body.data.product.slug).toBe(slug);
    expect((await ask(PRODUCT, { slug })).cache).toBe('hit');
  });
});
