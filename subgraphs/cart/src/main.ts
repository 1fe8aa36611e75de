import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { createFailFastRedis as createRedis, runService } from '@storegraph/service';
import { Redis } from 'ioredis';
import { loadCartConfig } from './config.js';
import { createCartServer } from './server.js';

const config = loadCartConfig();
const logger = createLogger('cart', { level: config.LOG_LEVEL });
const DAY = 24 * 3600;

await runService({
  name: 'cart subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  async create() {
    const redis = createRedis(config.REDIS_URL);
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    await redis.connect().catch((error) => logger.error({ err: error }, 'redis is not reachable yet'));
    // BullMQ workers need a client that retries forever: a Redis outage pauses clearing, it loses nothing.
    const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    connection.on('error', (error) => logger.warn({ err: error }, 'queue connection error'));
    return createCartServer({
      logger,
      redis,
      keyPrefix: config.REDIS_KEY_PREFIX,
      productsUrl: config.PRODUCTS_URL,
      catalogTimeoutMs: config.CATALOG_TIMEOUT_MS,
      defaultCurrency: config.DEFAULT_CURRENCY,
      guestTtlSeconds: config.GUEST_CART_TTL_DAYS * DAY,
      customerTtlSeconds: config.CUSTOMER_CART_TTL_DAYS * DAY,
      authenticate: subgraphAuthenticatorFromConfig(config),
      internalSecret: config.INTERNAL_SECRET,
      orderEvents: { connection, prefix: config.QUEUE_PREFIX },
      background: [{ stop: async () => connection.disconnect() }],
    });
  },
});
