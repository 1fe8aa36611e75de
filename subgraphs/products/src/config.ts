import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

export const productsConfigSchema = z.object({
  ...accessTokenEnv,
  PORT: env.port(4002),
  HOST: env.host(),
  METRICS_PORT: env.metricsPort(9466),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  /** Catalog events are published to BullMQ queues in this Redis. */
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379/0'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('sg:queues'),
  /** Redis pub/sub channel of catalog change notices (the router's response cache listens). */
  CATALOG_CHANGES_CHANNEL: z.string().min(1).default('sg:catalog-changes'),
  /** Services that consume catalog events, each with its own queue. */
  EVENT_CONSUMERS: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/)
    .default('search')
    .transform((v) => v.split(',')),
  /** How often expired stock reservations are released. */
  RESERVATION_SWEEP_MS: env.milliseconds(15_000),
  /** Where clients fetch product images; the router proxies /media to this service. */
  /** Apply pending migrations at start (serialised by an advisory lock across replicas). */
  MIGRATE_ON_START: env.boolean(true),
  MEDIA_BASE_URL: env.httpUrl().default('http://127.0.0.1:4000/media'),
});

export type ProductsConfig = z.infer<typeof productsConfigSchema>;

export const loadProductsConfig = () => loadConfig('products', productsConfigSchema);
