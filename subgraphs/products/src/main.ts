import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import { runService } from '@storegraph/service';
import { loadProductsConfig } from './config.js';
import { createPrismaClient } from './data/prisma-client.js';
import { migrationsDir } from './migrations-dir.js';
import { createProductsServer } from './server.js';

const config = loadProductsConfig();
const logger = createLogger('products', { level: config.LOG_LEVEL });

await runService({
  name: 'products subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  async create() {
    if (config.MIGRATE_ON_START) {
      const migrated = await applyMigrations(config.DATABASE_URL, migrationsDir);
      if (migrated.applied.length > 0) logger.info({ applied: migrated.applied }, 'database migrated');
    }
    const prisma = createPrismaClient(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
    return createProductsServer({
      logger,
      prisma,
      mediaBaseUrl: config.MEDIA_BASE_URL,
      authenticate: subgraphAuthenticatorFromConfig(config),
    });
  },
});
