import '@storegraph/graphql-kit';
import { createLogger } from '@storegraph/logger';
import { applyMigrations } from '@storegraph/prisma';
import {
  createFailFastRedis as createRedis,
  createServiceMetrics,
  observeRedis,
  postgresQueryTimer,
  runService,
} from '@storegraph/service';
import { loadUsersConfig } from './config.js';
import { createPrismaClient } from './data/prisma-client.js';

import { migrationsDir } from './migrations-dir.js';
import { createUsersServer } from './server.js';

const config = loadUsersConfig();
const logger = createLogger('users', { level: config.LOG_LEVEL });

await runService({
  name: 'users subgraph',
  logger,
  port: config.PORT,
  host: config.HOST,
  metricsPort: config.METRICS_PORT,
  async create() {
    if (config.MIGRATE_ON_START) await applyMigrations(config.DATABASE_URL, migrationsDir);
    const metrics = createServiceMetrics('users');
    const prisma = createPrismaClient(config.DATABASE_URL, {
      max: config.DATABASE_POOL_SIZE,
      onQueryDone: postgresQueryTimer(metrics),
    });
    const redis = observeRedis(createRedis(config.REDIS_URL), metrics, 'sessions');
    redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
    await redis.connect().catch((error) => logger.error({ err: error }, 'redis is not reachable yet'));
    return createUsersServer({
      metrics,
      logger,
      prisma,
      redis,
      redisPrefix: config.REDIS_KEY_PREFIX,
      internalSecret: config.INTERNAL_SECRET,
      tokens: {
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
      },
    });
  },
});
