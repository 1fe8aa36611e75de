import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedis } from '@storegraph/cart/redis-client';
import { createCartServer } from '@storegraph/cart/server';
import type { Authenticate, Viewer } from '@storegraph/graphql-kit';
import { createPrismaClient as ordersClient } from '@storegraph/orders/prisma-client';
import { createOrdersServer } from '@storegraph/orders/server';
import { createPrismaClient as productsClient } from '@storegraph/products/prisma-client';
import { createProductsServer } from '@storegraph/products/server';
import { createRouter } from '@storegraph/router/server';
import { createPrismaClient as searchClient } from '@storegraph/search/prisma-client';
import { createSearchServer } from '@storegraph/search/server';
import { silentLogger, testRedisUrl } from '@storegraph/testkit';
import { createPrismaClient as usersClient } from '@storegraph/users/prisma-client';
import { createUsersServer } from '@storegraph/users/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const supergraphSdl = readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8');

/**
 * Test-only identity: `Authorization: Bearer test:<userId>:<role>`. It stands in for
 * the JWT verifier so that tests can act as a customer through the router.
 */
export const testAuthenticate: Authenticate = async (headers) => {
  const match = /^Bearer test:([0-9a-f-]{36}):(CUSTOMER|ADMIN)$/.exec(headers.authorization ?? '');
  return match ? ({ userId: match[1], role: match[2], scopes: [] } as Viewer) : null;
};

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see test/global-setup.ts)`);
  return value;
};

export interface Supergraph {
  routerUrl: string;
  subgraphUrls: Record<string, string>;
  /** SQL statements the products subgraph has sent since the last reset. */
  productQueries: string[];
  prisma: {
    products: ReturnType<typeof productsClient>;
    users: ReturnType<typeof usersClient>;
    orders: ReturnType<typeof ordersClient>;
    search: ReturnType<typeof searchClient>;
  };
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<any>;
  stop(): Promise<void>;
}

/** The five subgraphs and the router, in this process, on real Postgres and Redis. */
export async function startSupergraph(
  options: { subgraphUrlOverrides?: Record<string, string> } = {},
): Promise<Supergraph> {
  const logger = silentLogger();
  const productQueries: string[] = [];
  const prisma = {
    products: productsClient(env('E2E_PRODUCTS_DATABASE_URL'), { onQuery: (sql) => productQueries.push(sql) }),
    users: usersClient(env('E2E_USERS_DATABASE_URL')),
    orders: ordersClient(env('E2E_ORDERS_DATABASE_URL')),
    search: searchClient(env('E2E_SEARCH_DATABASE_URL')),
  };
  const redis = createRedis(testRedisUrl());
  await redis.connect();
  const services: Array<{ stop(): Promise<void> }> = [];
  const listen = async (
    name: string,
    service: { listen(port: number): Promise<{ url: string }>; stop(): Promise<void> },
  ) => {
    services.push(service);
    return [name, `${(await service.listen(0)).url}/graphql`] as const;
  };
  const products = await listen(
    'products',
    await createProductsServer({ logger, prisma: prisma.products, mediaBaseUrl: 'http://media.test' }),
  );
  const subgraphUrls = Object.fromEntries([
    products,
    await listen('users', await createUsersServer({ logger, prisma: prisma.users, authenticate: testAuthenticate })),
    await listen(
      'cart',
      await createCartServer({
        logger,
        redis,
        keyPrefix: env('E2E_REDIS_PREFIX'),
        productsUrl: products[1],
        authenticate: testAuthenticate,
      }),
    ),
    await listen('orders', await createOrdersServer({ logger, prisma: prisma.orders, authenticate: testAuthenticate })),
    await listen('search', await createSearchServer({ logger, prisma: prisma.search })),
  ]);
  const { service: router } = await createRouter({
    logger,
    supergraphSdl,
    subgraphUrls: { ...subgraphUrls, ...options.subgraphUrlOverrides },
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 3_000,
    bodyLimitBytes: 1_000_000,
    introspection: false,
  });
  const routerUrl = (await router.listen(0)).url;
  return {
    routerUrl,
    subgraphUrls,
    productQueries,
    prisma,
    async gql(query, variables = {}, headers = {}) {
      const res = await fetch(`${routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async stop() {
      await router.stop();
      await Promise.all(services.map((s) => s.stop()));
      redis.disconnect();
    },
  };
}
