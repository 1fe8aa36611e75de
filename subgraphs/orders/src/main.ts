import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import { createServiceMetrics, postgresQueryTimer, runService } from '@storegraph/service';
import { loadOrdersConfig } from './config.js';
import { createPrismaClient } from './data/prisma-client.js';
import { migrationsDir } from './migrations-dir.js';
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
    if (config.MIGRATE_ON_START) await applyMigrations(config.DATABASE_URL, migrationsDir);
    const metrics = createServiceMetrics('orders');
    const prisma = createPrismaClient(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      onQueryDone: postgresQueryTimer(metrics),
    });
    return createOrdersServer({ metrics, logger, prisma, authenticate: subgraphAuthenticatorFromConfig(config) });
  },
});
