import '@storegraph/graphql-kit';
import { subgraphAuthenticatorFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import { runService } from '@storegraph/service';
import { loadSearchConfig } from './config.js';
import { createPrismaClient } from './data/prisma-client.js';
import { migrationsDir } from './migrations-dir.js';
import { createSearchServer } from './server.js';

const config = loadSearchConfig();
const logger = createLogger('search', { level: config.LOG_LEVEL });

await runService({
  name: 'search subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  async create() {
    if (config.MIGRATE_ON_START) await applyMigrations(config.DATABASE_URL, migrationsDir);
    const prisma = createPrismaClient(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
    return createSearchServer({ logger, prisma, authenticate: subgraphAuthenticatorFromConfig(config) });
  },
});
