import type { QueueConnection } from '@storegraph/events';
import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, mountGraphQL } from '@storegraph/service';
import type { Redis } from 'ioredis';
import { ProductsCatalogClient } from './data/products-catalog.client.js';
import { RedisCartStore } from './data/redis-cart.store.js';
import type { CatalogPort } from './domain/cart.js';
import { CartService } from './domain/cart.service.js';
import { CartCheckout } from './domain/cart-checkout.js';
import { type CartContext, createContext } from './graphql/context.js';
import { checkoutRouter } from './http/checkout.routes.js';
import { startOrderEventConsumer } from './jobs/order-events.consumer.js';
import { buildCartSchema } from './schema.js';

const DAY = 24 * 3600;

export interface CartServerDeps {
  logger: Logger;
  /** A fail-fast client (`createFailFastRedis`): requests never wait for a Redis that is down. */
  redis: Redis;
  keyPrefix: string;
  productsUrl: string;
  catalogTimeoutMs?: number;
  defaultCurrency?: string;
  guestTtlSeconds?: number;
  customerTtlSeconds?: number;
  authenticate?: Authenticate;
  /** Signs calls to the products subgraph and enables the internal checkout API (see @storegraph/auth). */
  internalSecret?: string;
  /** Overrides the products client (a test may point at a catalog it controls). */
  catalog?: CatalogPort;
  /** Consumes order events (clears paid carts) from this queue Redis; a worker client, not `redis`. */
  orderEvents?: QueueConnection;
  /** Stopped after the HTTP server drained and the consumer closed (e.g. the queue client). */
  background?: Array<{ stop(): Promise<void> }>;
}

/** Builds the cart subgraph without listening, so tests build it too. */
export async function createCartServer(deps: CartServerDeps) {
  const store = new RedisCartStore(deps.redis, deps.keyPrefix, deps.logger, {
    guestSeconds: deps.guestTtlSeconds ?? 7 * DAY,
    customerSeconds: deps.customerTtlSeconds ?? 60 * DAY,
  });
  const catalog =
    deps.catalog ??
    new ProductsCatalogClient(deps.productsUrl, deps.catalogTimeoutMs ?? 2_000, deps.logger, deps.internalSecret ?? '');
  const carts = new CartService(store, catalog);
  const checkout = new CartCheckout(store);
  const consumer = deps.orderEvents
    ? startOrderEventConsumer({ checkout, logger: deps.logger, ...deps.orderEvents })
    : undefined;
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const service = createHttpService({
    name: 'cart',
    logger: deps.logger,
    readiness: { redis: () => store.ping() },
    onShutdown: [
      ...[...(consumer ? [consumer] : []), ...(deps.background ?? [])].map((job) => () => job.stop()),
      async () => deps.redis.disconnect(),
    ],
  });
  if (deps.internalSecret) {
    service.app.use(checkoutRouter({ checkout, internalSecret: deps.internalSecret, logger: deps.logger }));
  }
  await mountGraphQL<CartContext>(service, deps.logger, {
    apollo: { schema: await buildCartSchema(), introspection: true },
    context: async (req) =>
      createContext({
        viewer: await authenticate(req.headers),
        carts,
        catalog,
        defaultCurrency: deps.defaultCurrency ?? 'USD',
      }),
  });
  return service;
}
