import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { catalogChangeNotifier, consumeCatalogEvents, idsOfCatalogEvent } from '@storegraph/events';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import { createServiceMetrics, observeRedis, postgresQueryTimer, runService } from '@storegraph/service';
import { Redis } from 'ioredis';
import { loadSearchConfig } from './config.js';
import { applyCatalogEvent } from './data/document.writer.js';
import { createPrismaClient } from './data/prisma-client.js';
import { DocValuesSync } from './engine/doc-values-sync.js';
import { migrationsDir } from './migrations-dir.js';
import { createSearchServer } from './server.js';

const config = loadSearchConfig();
const logger = createLogger('search', { level: config.LOG_LEVEL });

await runService({
  name: 'search subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  metricsPort: config.METRICS_PORT,
  async create() {
    if (config.MIGRATE_ON_START) await applyMigrations(config.DATABASE_URL, migrationsDir);
    const metrics = createServiceMetrics('search');
    const prisma = createPrismaClient(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      onQueryDone: postgresQueryTimer(metrics),
    });
    // BullMQ workers need a client that retries forever: a Redis outage pauses indexing, it loses nothing.
    const connection = observeRedis(new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }), metrics, 'queues');
    connection.on('error', (error) => logger.warn({ err: error }, 'queue connection error'));
    // Caches of search answers (the router's) drop what changed: once the SQL documents are
    // written, and again once the doc values (which answer most searches) have taken it in.
    const notice = catalogChangeNotifier(connection, config.CATALOG_CHANGES_CHANNEL, 'search', (error) =>
      logger.warn({ err: error }, 'catalog change notice not sent'),
    );
    const consumer = consumeCatalogEvents(
      'search',
      async (envelope) => {
        await applyCatalogEvent(prisma, envelope);
        notice({ productIds: idsOfCatalogEvent(envelope.event) });
      },
      { connection, prefix: config.QUEUE_PREFIX, log: logger },
    );
    const docValues = config.SEARCH_DOC_VALUES
      ? new DocValuesSync({
          prisma,
          databaseUrl: config.DATABASE_URL,
          logger,
          onApplied: notice,
          textIndex: config.SEARCH_TEXT_INDEX,
        })
      : null;
    if (docValues) {
      const started = Date.now();
      // Searches are answered from SQL until the doc values are loaded.
      docValues.start().then(
        () => logger.info({ ms: Date.now() - started }, 'doc values loaded'),
        (error) => logger.error({ err: error }, 'doc values could not load; retrying'),
      );
    }
    const background = [
      {
        async stop() {
          await consumer.stop();
          connection.disconnect();
        },
      },
    ];
    return createSearchServer({
      metrics,
      background,
      logger,
      prisma,
      docValues: docValues ?? undefined,
      authenticate: subgraphAuthenticatorFromConfig(config),
    });
  },
});
