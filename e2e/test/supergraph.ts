import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSubgraphAuthenticator, localKeys, remoteKeys, TokenVerifier } from '@storegraph/auth';
import { createCartServer } from '@storegraph/cart/server';
import { parseConfig } from '@storegraph/config';
import {
  catalogChangeNotifier,
  catalogEventQueues,
  consumeCatalogEvents,
  idsOfCatalogEvent,
  notifyCatalogChanges,
  OutboxRelay as OrdersOutboxRelay,
  orderEventQueue,
} from '@storegraph/events';
import type { Role } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { ORDER_EVENT_ROUTES } from '@storegraph/orders/order-event-routes';
import {
  HttpCartClient,
  HttpInventoryClient,
  TestPaymentProvider,
  UsersCustomerDirectory,
} from '@storegraph/orders/ports';
import { createPrismaClient as ordersClient, sqlOf as ordersSql } from '@storegraph/orders/prisma-client';
import { createOrdersServer, type OrdersDomain } from '@storegraph/orders/server';
import { OutboxRelay } from '@storegraph/products/outbox-relay';
import { createPrismaClient as productsClient, sqlOf as productsSql } from '@storegraph/products/prisma-client';
import { createProductsServer } from '@storegraph/products/server';
import { type RouterEnv, routerConfigSchema, subgraphCallOptions } from '@storegraph/router/config';
import { routerEdge } from '@storegraph/router/edge';
import { createRouterMetrics, type RouterMetrics } from '@storegraph/router/metrics';
import { createRouter } from '@storegraph/router/server';
import { DocValuesSync } from '@storegraph/search/doc-values-sync';
import { applyCatalogEvent } from '@storegraph/search/document-writer';
import { createPrismaClient as searchClient } from '@storegraph/search/prisma-client';
import { createSearchServer } from '@storegraph/search/server';
import { createFailFastRedis as createRedis } from '@storegraph/service';
import { silentLogger, type TestSigningKey, testRedisUrl } from '@storegraph/testkit';
import { JoseAccessTokenIssuer } from '@storegraph/users/access-token-issuer';
import { createPrismaClient as usersClient } from '@storegraph/users/prisma-client';
import { createUsersServer } from '@storegraph/users/server';
import { PrismaSigningKeyStore } from '@storegraph/users/signing-keys';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { importJWK, type JWK } from 'jose';
import type { Registry } from 'prom-client';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const supergraphSdl = readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8');

/** The internal secret of this test supergraph (router and subgraphs share it). */
export const INTERNAL_SECRET = 'e2e-internal-secret-0123456789abcdef';
export const ISSUER = 'storegraph-users';
export const AUDIENCE = 'storegraph';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see test/global-setup.ts)`);
  return value;
};

export interface Supergraph {
  routerUrl: string;
  /** Each service's Prometheus registry (what its admin port serves), by name: the subgraphs and `router`. */
  metrics: Record<string, Registry>;
  /** The router's Prometheus registry. */
  routerMetrics: RouterMetrics;
  /** The router's parsed config and its Redis client (rate limits, partner keys). */
  routerConfig: RouterEnv;
  routerRedis: Redis;
  subgraphUrls: Record<string, string>;
  /** Prefix of the BullMQ queues (catalog and order events) of this supergraph. */
  queuePrefix: string;
  /** SQL statements the products subgraph has sent since the last reset. */
  productQueries: string[];
  /** The search service's doc values (a test that rewrites search_documents waits for them). */
  docValues: DocValuesSync;
  prisma: {
    products: ReturnType<typeof productsClient>;
    users: ReturnType<typeof usersClient>;
    orders: ReturnType<typeof ordersClient>;
    search: ReturnType<typeof searchClient>;
  };
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<any>;
  /** Stops one subgraph (its port then refuses connections), as a crash would. */
  stopSubgraph(name: string): Promise<void>;
  /** The orders service's parts (checkout saga, lifecycle, store), to drive recovery and expiry. */
  orders: OrdersDomain;
  /** The orders outbox relay, publishing order events to the products and cart queues. */
  ordersRelay: { relayOnce(): Promise<number> };
  /** A genuine access token from the users service's signing key, as login issues. */
  tokenFor(userId: string, role?: Role): Promise<string>;
  /** The users service's active signing key, to forge near-genuine tokens in tests. */
  activeSigningKey(): Promise<TestSigningKey>;
  rotateSigningKey(): Promise<void>;
  /** Bearer headers for tokenFor(userId, role). */
  bearer(userId: string, role?: Role): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** The five subgraphs and the router, in this process, on real Postgres and Redis. */
export async function startSupergraph(
  options: {
    subgraphUrlOverrides?: Record<string, string>;
    subgraphTimeoutMs?: number;
    logger?: Logger;
    /** A logger per service (`router`, `users`, …), e.g. to tell their lines apart; `logger` otherwise. */
    loggerFor?: (service: string) => Logger;
    /** The cart subgraph's Redis (default: the test Redis), e.g. a port nothing listens on. */
    cartRedisUrl?: string;
    /** Router variables (limits, tiers, modes) on top of the defaults, as `npm start` would pass them. */
    routerEnv?: Record<string, string>;
    /** Schema introspection at the router (off unless asked for). */
    introspection?: boolean;
    /** GraphiQL at GET /graphql (off unless asked for; needs `pnpm build`). */
    playground?: boolean;
    /** The router's rate-limit Redis (a closed port simulates an outage); the test Redis otherwise. */
    routerRedisUrl?: string;
    /** Payment providers besides TEST (e.g. Stripe against a local fake) and their webhook endpoints. */
    paymentProviders?: Parameters<typeof createOrdersServer>[0]['providers'];
    paymentWebhooks?: Parameters<typeof createOrdersServer>[0]['webhooks'];
  } = {},
): Promise<Supergraph> {
  const logger = options.logger ?? silentLogger();
  const log = (service: string) => options.loggerFor?.(service) ?? logger;
  const productQueries: string[] = [];
  const prisma = {
    products: productsClient(env('E2E_PRODUCTS_DATABASE_URL'), { onQuery: (sql) => productQueries.push(sql) }),
    users: usersClient(env('E2E_USERS_DATABASE_URL')),
    orders: ordersClient(env('E2E_ORDERS_DATABASE_URL')),
    search: searchClient(env('E2E_SEARCH_DATABASE_URL')),
  };
  const keyStore = new PrismaSigningKeyStore(prisma.users);
  const issuer = new JoseAccessTokenIssuer(keyStore, { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900 });
  const verifier = new TokenVerifier({
    keys: localKeys(async () => ({ keys: (await keyStore.publishedKeys(960)).map((k) => k.jwk) })),
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  const authenticate = createSubgraphAuthenticator({ verifier, internalSecret: INTERNAL_SECRET });
  const redis = createRedis(testRedisUrl());
  // Catalog events flow as in production: products' outbox relay -> BullMQ -> search's consumer.
  const queueConnection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const queuePrefix = `${env('E2E_REDIS_PREFIX')}queues`;
  // Its own client, so that its polling does not count as the products subgraph's queries.
  const relayPrisma = productsClient(env('E2E_PRODUCTS_DATABASE_URL'), { max: 2 });
  const searchQueues = catalogEventQueues(['search'], { connection: queueConnection, prefix: queuePrefix });
  // Change notices reach the router's response cache as in production (tests that turn it on).
  const catalogChanges = `${env('E2E_REDIS_PREFIX')}catalog-changes`;
  const notice = catalogChangeNotifier(queueConnection, catalogChanges, 'search', () => undefined);
  const relay = new OutboxRelay({
    db: productsSql(relayPrisma),
    queues: searchQueues,
    logger,
    idleMs: 100,
    onPublished: notifyCatalogChanges(queueConnection, catalogChanges, () => undefined),
  });
  relay.start();
  const consumer = consumeCatalogEvents(
    'search',
    async (envelope) => {
      await applyCatalogEvent(prisma.search, envelope);
      notice({ productIds: idsOfCatalogEvent(envelope.event) });
    },
    { connection: queueConnection, prefix: queuePrefix, log: log('search') },
  );
  await redis.connect();
  // Search answers browsing and facets from doc values, kept in step as in production.
  const docValues = new DocValuesSync({
    prisma: prisma.search,
    databaseUrl: env('E2E_SEARCH_DATABASE_URL'),
    logger,
    onApplied: notice,
  });
  await docValues.start();
  const cartRedis = options.cartRedisUrl ? createRedis(options.cartRedisUrl) : redis;
  if (cartRedis !== redis) {
    cartRedis.on('error', () => {});
    await cartRedis.connect().catch(() => undefined);
  }
  const services: Array<{ stop(): Promise<void> }> = [];
  const metrics: Record<string, Registry> = {};
  const byName: Record<string, { stop(): Promise<void> }> = {};
  const listen = async (
    name: string,
    service: {
      listen(port: number): Promise<{ url: string }>;
      stop(): Promise<void>;
      metrics: { registry: Registry };
    },
  ) => {
    services.push(service);
    metrics[name] = service.metrics.registry;
    byName[name] = service;
    return [name, `${(await service.listen(0)).url}/graphql`] as const;
  };
  const products = await listen(
    'products',
    await createProductsServer({
      logger: log('products'),
      prisma: prisma.products,
      mediaBaseUrl: 'http://media.test',
      authenticate,
      internalSecret: INTERNAL_SECRET,
      // Paid, failed and cancelled orders settle their reservations as in production.
      orderEvents: { connection: queueConnection, prefix: queuePrefix },
    }),
  );
  const productsBase = products[1].replace(/\/graphql$/, '');
  const subgraphUrls = Object.fromEntries([
    products,
    await listen(
      'users',
      await createUsersServer({
        logger: log('users'),
        prisma: prisma.users,
        authenticate,
        redis,
        redisPrefix: `${env('E2E_REDIS_PREFIX')}users:`,
      }),
    ),
    await listen(
      'cart',
      await createCartServer({
        logger: log('cart'),
        redis: cartRedis,
        keyPrefix: env('E2E_REDIS_PREFIX'),
        productsUrl: products[1],
        // Generous: the concurrency tests fire 100 catalog calls at once on a machine running other tests.
        catalogTimeoutMs: 10_000,
        internalSecret: INTERNAL_SECRET,
        authenticate,
        // Paid orders clear carts as in production: order events -> BullMQ -> the cart's consumer.
        orderEvents: { connection: queueConnection, prefix: queuePrefix },
      }),
    ),
    await listen(
      'search',
      await createSearchServer({ logger: log('search'), prisma: prisma.search, authenticate, docValues }),
    ),
  ]);
  const ordersServer = await createOrdersServer({
    logger: log('orders'),
    prisma: prisma.orders,
    authenticate,
    cart: new HttpCartClient(String(subgraphUrls.cart).replace(/\/graphql$/, ''), INTERNAL_SECRET),
    inventory: new HttpInventoryClient(productsBase, INTERNAL_SECRET),
    customers: new UsersCustomerDirectory(String(subgraphUrls.users), INTERNAL_SECRET),
    providers: [
      new TestPaymentProvider({
        nodeEnv: 'test',
        delayMs: 50,
        onDeliveryError: (error) => logger.error({ err: error }),
      }),
      ...(options.paymentProviders ?? []),
    ],
    webhooks: options.paymentWebhooks,
    orderTokenSecret: 'e2e-order-token-secret-0123456789abcdef',
    reservationTtlSeconds: 900,
  });
  subgraphUrls.orders = (await listen('orders', ordersServer))[1];
  // Order events flow as in production: the orders outbox relay -> BullMQ -> products' and cart's consumers.
  const ordersQueues = ORDER_EVENT_ROUTES.map((route) => ({
    queue: new Queue(orderEventQueue(route.consumer), { connection: queueConnection, prefix: queuePrefix }),
    types: route.types,
  }));
  const ordersRelayPrisma = ordersClient(env('E2E_ORDERS_DATABASE_URL'), { max: 2 });
  const ordersRelay = new OrdersOutboxRelay({
    db: ordersSql(ordersRelayPrisma),
    queues: ordersQueues,
    logger,
    idleMs: 50,
  });
  ordersRelay.start();
  const routerMetrics = createRouterMetrics();
  const routerRedis = createRedis(options.routerRedisUrl ?? testRedisUrl());
  routerRedis.on('error', () => undefined);
  await routerRedis.connect().catch(() => undefined);
  const routerConfig = parseConfig('router', routerConfigSchema, {
    INTERNAL_SECRET,
    SUBGRAPH_TIMEOUT_MS: String(options.subgraphTimeoutMs ?? 3_000),
    REDIS_KEY_PREFIX: `${env('E2E_REDIS_PREFIX')}router:${randomUUID()}:`,
    // Off unless a test turns it on: many tests write straight to the databases and read at once.
    RESPONSE_CACHE: 'off',
    CATALOG_CHANGES_CHANNEL: catalogChanges,
    // Budgets no functional test reaches; the rate-limit tests set their own tiers.
    RATE_LIMIT_TIERS: JSON.stringify(
      Object.fromEntries(
        ['guest', 'customer', 'admin', 'partner', 'auth'].map((tier) => [
          tier,
          { capacity: 1_000_000, refillPerSecond: 1_000_000 },
        ]),
      ),
    ),
    ...options.routerEnv,
  });
  const { service: router } = await createRouter({
    logger: log('router'),
    supergraphSdl,
    subgraphUrls: { ...subgraphUrls, ...options.subgraphUrlOverrides },
    ...subgraphCallOptions(routerConfig),
    metrics: routerMetrics,
    bodyLimitBytes: 1_000_000,
    introspection: options.introspection ?? false,
    playground: options.playground ?? false,
    internalSecret: INTERNAL_SECRET,
    trustedProxyHops: routerConfig.TRUSTED_PROXY_HOPS,
    plugins: routerEdge({
      config: routerConfig,
      supergraphSdl,
      logger: log('router'),
      redis: routerRedis,
      metrics: routerMetrics,
      // The router reads the keys the way it does in production: the users service's JWKS.
      verifier: new TokenVerifier({
        keys: remoteKeys(new URL('/.well-known/jwks.json', subgraphUrls.users).toString(), { cooldownMs: 1_000 }),
        issuer: ISSUER,
        audience: AUDIENCE,
      }),
    }),
  });
  const routerUrl = (await router.listen(0)).url;
  metrics.router = router.metrics.registry;
  return {
    metrics,
    docValues,
    routerUrl,
    routerMetrics,
    routerConfig,
    routerRedis,
    subgraphUrls,
    queuePrefix,
    productQueries,
    prisma,
    orders: ordersServer.domain,
    ordersRelay,
    async gql(query, variables = {}, headers = {}) {
      const res = await fetch(`${routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async stopSubgraph(name) {
      await byName[name]?.stop();
    },
    async tokenFor(userId, role = 'CUSTOMER') {
      return (await issuer.issue({ id: userId, role })).token;
    },
    async activeSigningKey() {
      const key = await keyStore.activeKey();
      const published = (await keyStore.publishedKeys(960)).find((k) => k.kid === key.kid);
      return {
        kid: key.kid,
        privateKey: (await importJWK(key.privateJwk as JWK, key.algorithm)) as TestSigningKey['privateKey'],
        publicJwk: published?.jwk as JWK,
      };
    },
    async rotateSigningKey() {
      await keyStore.rotate();
    },
    async bearer(userId, role = 'CUSTOMER') {
      return { authorization: `Bearer ${(await issuer.issue({ id: userId, role })).token}` };
    },
    async stop() {
      // Let every event of this suite reach its consumers first, so none lands in the next suite's stores.
      const deadline = Date.now() + 15_000;
      const queues = [...searchQueues, ...ordersQueues.map((r) => r.queue)];
      const busy = async () =>
        (await prisma.products.outboxEvent.count({ where: { publishedAt: null } })) +
        (await prisma.orders.outboxEvent.count({ where: { publishedAt: null } })) +
        (await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized'))))
          .flatMap((counts) => Object.values(counts))
          .reduce((a, b) => a + b, 0);
      // Idle twice in a row: an event being consumed can still cause another (a commit writes a stock event).
      for (let idle = 0; idle < 2 && Date.now() < deadline; ) {
        idle = (await busy()) === 0 ? idle + 1 : 0;
        await new Promise((r) => setTimeout(r, 150));
      }
      await Promise.all(searchQueues.map((q) => q.close()));
      await ordersRelay.stop();
      await ordersRelayPrisma.$disconnect();
      await Promise.all(ordersQueues.map((q) => q.queue.close()));
      await relay.stop();
      await relayPrisma.$disconnect();
      await consumer.worker.close();
      await consumer.deadLetters.close();
      await router.stop();
      await Promise.all(services.map((s) => s.stop()));
      redis.disconnect();
      cartRedis.disconnect();
      routerRedis.disconnect();
      queueConnection.disconnect();
    },
  };
}
