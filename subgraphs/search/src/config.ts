import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

export const searchConfigSchema = z.object({
  ...accessTokenEnv,
  PORT: env.port(4005),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  MIGRATE_ON_START: env.boolean(true),
  /** Catalog events arrive on a BullMQ queue in this Redis. */
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379/0'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('sg:queues'),
});

export const loadSearchConfig = () => loadConfig('search', searchConfigSchema);
