import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { catalogEventQueues, notifyCatalogChanges } from '@storegraph/events';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import { createServiceMetrics, observeRedis, postgresQueryTimer, runService } from '@storegraph/service';
import { Redis } from 'ioredis';
import { loadProductsConfig } from './config.js';
import { createPrismaClient, sqlOf } from './data/prisma-client.js';
import { createOutboxMetrics } from './events/outbox-metrics.js';
import { OutboxRelay } from './events/outbox-relay.js';
import { migrationsDir } from './migrations-dir.js';
import { createProductsServer } from './server.js';

const config = loadProductsConfig();
const logger = createLogger('products', { level: config.LOG_LEVEL });

await runService({
  name: 'products subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  metricsPort: config.METRICS_PORT,
  async create() {
    if (config.MIGRATE_ON_START) {
      const migrated = await applyMigrations(config.DATABASE_URL, migrationsDir);
      if (migrated.applied.length > 0) logger.info({ applied: migrated.applied }, 'database migrated');
    }
    const metrics = createServiceMetrics('products');
    const prisma = createPrismaClient(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      onQueryDone: postgresQueryTimer(metrics),
    });
    // BullMQ needs a client that retries commands forever; a Redis outage pauses the relay, it loses nothing.
    const queueConnection = observeRedis(
      new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }),
      metrics,
      'queues',
    );
    queueConnection.on('error', (error) => logger.warn({ err: error }, 'queue connection error'));
    const queues = catalogEventQueues(config.EVENT_CONSUMERS, {
      connection: queueConnection,
      prefix: config.QUEUE_PREFIX,
    });
    const relay = new OutboxRelay({
      db: sqlOf(prisma),
      queues,
      logger,
      metrics: createOutboxMetrics({ metrics, prisma, queues }),
      // Caches of catalog answers (the router's) drop what a published change concerns.
      onPublished: notifyCatalogChanges(queueConnection, config.CATALOG_CHANGES_CHANNEL, (error) =>
        logger.warn({ err: error }, 'catalog change notice not sent'),
      ),
    });
    relay.start();
    const background = [
      relay,
      {
        async stop() {
          await Promise.all(queues.map((q) => q.close()));
          queueConnection.disconnect();
        },
      },
    ];
    return createProductsServer({
      logger,
      prisma,
      mediaBaseUrl: config.MEDIA_BASE_URL,
      authenticate: subgraphAuthenticatorFromConfig(config),
      metrics,
      internalSecret: config.INTERNAL_SECRET,
      background,
      orderEvents: { connection: queueConnection, prefix: config.QUEUE_PREFIX },
      reservationSweepMs: config.RESERVATION_SWEEP_MS,
    });
  },
});
