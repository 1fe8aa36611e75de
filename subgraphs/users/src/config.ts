import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

export const usersConfigSchema = z.object({
  ...accessTokenEnv,
  PORT: env.port(4001),
  HOST: env.host(),
  METRICS_PORT: env.metricsPort(9465),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  MIGRATE_ON_START: env.boolean(true),
  /** Sign-in throttling lives here. */
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379/0'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/)
    .default('sg:users:'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3_600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export type UsersConfig = z.infer<typeof usersConfigSchema>;

export const loadUsersConfig = () => loadConfig('users', usersConfigSchema);
