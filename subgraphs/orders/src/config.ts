import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

export const ordersConfigSchema = z.object({
  ...accessTokenEnv,
  PORT: env.port(4004),
  HOST: env.host(),
  METRICS_PORT: env.metricsPort(9468),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  MIGRATE_ON_START: env.boolean(true),
});

export const loadOrdersConfig = () => loadConfig('orders', ordersConfigSchema);
