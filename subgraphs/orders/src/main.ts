import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { OutboxRelay, orderEventQueue } from '@storegraph/events';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import { createServiceMetrics, observeRedis, postgresQueryTimer, runService } from '@storegraph/service';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadOrdersConfig } from './config.js';
import { HttpCartClient } from './data/cart.client.js';
import { UsersCustomerDirectory } from './data/customer.client.js';
import { HttpInventoryClient } from './data/inventory.client.js';
import { createPrismaClient, sqlOf } from './data/prisma-client.js';
import { ORDER_EVENT_ROUTES } from './jobs/order-event-routes.js';
import { migrationsDir } from './migrations-dir.js';
import { enabledProviders } from './payments/providers.js';
import { createOrdersServer } from './server.js';

const config = loadOrdersConfig();
const logger = createLogger('orders', { level: config.LOG_LEVEL });

await runService({
  name: 'orders subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  metricsPort: config.METRICS_PORT,
  async create() {
    if (config.MIGRATE_ON_START) {
      const migrated = await applyMigrations(config.DATABASE_URL, migrationsDir);
      if (migrated.applied.length > 0) logger.info({ applied: migrated.applied }, 'database migrated');
    }
    const metrics = createServiceMetrics('orders');
    const prisma = createPrismaClient(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      onQueryDone: postgresQueryTimer(metrics),
    });
    // BullMQ needs a client that retries forever; a Redis outage pauses the relay, it loses nothing.
    const connection = observeRedis(new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }), metrics, 'queues');
    connection.on('error', (error) => logger.warn({ err: error }, 'queue connection error'));
    const routes = ORDER_EVENT_ROUTES.map((route) => ({
      queue: new Queue(orderEventQueue(route.consumer), { connection, prefix: config.QUEUE_PREFIX }),
      types: route.types,
    }));
    const relay = new OutboxRelay({ db: sqlOf(prisma), queues: routes, logger });
    relay.start();
    const { providers, webhooks } = enabledProviders(config, logger);
    return createOrdersServer({
      metrics,
      logger,
      prisma,
      authenticate: subgraphAuthenticatorFromConfig(config),
      cart: new HttpCartClient(config.CART_URL, config.INTERNAL_SECRET, config.SERVICE_TIMEOUT_MS),
      inventory: new HttpInventoryClient(config.PRODUCTS_URL, config.INTERNAL_SECRET, config.SERVICE_TIMEOUT_MS),
      customers: new UsersCustomerDirectory(
        config.USERS_GRAPHQL_URL,
        config.INTERNAL_SECRET,
        config.SERVICE_TIMEOUT_MS,
      ),
      providers,
      webhooks,
      orderTokenSecret: config.ORDER_TOKEN_SECRET,
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      checkoutAdmission: { concurrency: config.CHECKOUT_CONCURRENCY, queueMs: config.CHECKOUT_QUEUE_MS },
      maintenanceIntervalMs: config.MAINTENANCE_INTERVAL_MS,
      background: [
        relay,
        {
          async stop() {
            await Promise.all(routes.map((r) => r.queue.close()));
            connection.disconnect();
          },
        },
      ],
    });
  },
});
