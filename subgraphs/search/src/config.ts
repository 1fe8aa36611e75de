import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

export const searchConfigSchema = z.object({
  ...accessTokenEnv,
  PORT: env.port(4005),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  MIGRATE_ON_START: env.boolean(true),
});

export const loadSearchConfig = () => loadConfig('search', searchConfigSchema);
