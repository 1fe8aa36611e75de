import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { createFailFastRedis as createRedis, runService } from '@storegraph/service';
import { loadCartConfig } from './config.js';

import { createCartServer } from './server.js';

const config = loadCartConfig();
const logger = createLogger('cart', { level: config.LOG_LEVEL });

await runService({
  name: 'cart subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  async create() {
    const redis = createRedis(config.REDIS_URL);
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    await redis.connect().catch((error) => logger.error({ err: error }, 'redis is not reachable yet'));
    return createCartServer({
      logger,
      redis,
      keyPrefix: config.REDIS_KEY_PREFIX,
      productsUrl: config.PRODUCTS_URL,
      catalogTimeoutMs: config.CATALOG_TIMEOUT_MS,
      defaultCurrency: config.DEFAULT_CURRENCY,
      guestTtlSeconds: config.GUEST_CART_TTL_DAYS * 24 * 3600,
      authenticate: subgraphAuthenticatorFromConfig(config),
      internalSecret: config.INTERNAL_SECRET,
    });
  },
});
