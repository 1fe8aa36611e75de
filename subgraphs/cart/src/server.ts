import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, mountGraphQL } from '@storegraph/service';
import type { Redis } from 'ioredis';
import { ProductsCatalogClient } from './data/products-catalog.client.js';
import { RedisCartStore } from './data/redis-cart.store.js';
import type { CatalogPort } from './domain/cart.js';
import { CartService } from './domain/cart.service.js';
import { type CartContext, createContext } from './graphql/context.js';
import { buildCartSchema } from './schema.js';

export interface CartServerDeps {
  logger: Logger;
  redis: Redis;
  keyPrefix: string;
  productsUrl: string;
  catalogTimeoutMs?: number;
  defaultCurrency?: string;
  guestTtlSeconds?: number;
  authenticate?: Authenticate;
  /** Signs calls to the products subgraph (see @storegraph/auth). */
  internalSecret?: string;
  /** Overrides the products client (a test may point at a catalog it controls). */
  catalog?: CatalogPort;
}

/** Builds the cart subgraph without listening, so tests build it too. */
export async function createCartServer(deps: CartServerDeps) {
  const store = new RedisCartStore(deps.redis, deps.keyPrefix, deps.logger);
  const catalog =
    deps.catalog ??
    new ProductsCatalogClient(deps.productsUrl, deps.catalogTimeoutMs ?? 2_000, deps.logger, deps.internalSecret ?? '');
  const carts = new CartService(store, catalog, { guestTtlSeconds: deps.guestTtlSeconds ?? 7 * 24 * 3600 });
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const service = createHttpService({
    name: 'cart',
    logger: deps.logger,
    readiness: { redis: () => store.ping() },
    onShutdown: [async () => deps.redis.disconnect()],
  });
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
