import '@storegraph/graphql-kit';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import { loadProductsConfig } from './config.js';
import { createPrismaClient } from './data/prisma-client.js';
import { migrationsDir } from './migrations-dir.js';
import { createProductsServer } from './server.js';

const config = loadProductsConfig();
const logger = createLogger('products', { level: config.LOG_LEVEL });
if (config.MIGRATE_ON_START) {
  const migrated = await applyMigrations(config.DATABASE_URL, migrationsDir);
  if (migrated.applied.length > 0) logger.info({ applied: migrated.applied }, 'database migrated');
}
const prisma = createPrismaClient(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
const service = await createProductsServer({ logger, prisma, mediaBaseUrl: config.MEDIA_BASE_URL });
const { url } = await service.listen(config.PORT, config.HOST);
logger.info({ url: `${url}/graphql` }, 'products subgraph ready');
service.stopOnSignals();
