import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

export const searchConfigSchema = z.object({
  ...accessTokenEnv,
  PORT: env.port(4005),
  HOST: env.host(),
  METRICS_PORT: env.metricsPort(9469),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
  MIGRATE_ON_START: env.boolean(true),
  /** Catalog events arrive on a BullMQ queue in this Redis. */
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379/0'),
  /** Redis pub/sub channel of catalog change notices (the router's response cache listens). */
  CATALOG_CHANGES_CHANNEL: z.string().min(1).default('sg:catalog-changes'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('sg:queues'),
  /**
   * Keep the filter, facet and sort fields of every document in memory (about
   * 300 bytes a product) so browsing and facets need no SQL; off answers all from SQL.
   */
  SEARCH_DOC_VALUES: env.boolean(true),
  /**
   * With doc values: keep every document's search vector in memory too (about 300
   * bytes a product), so text queries are matched and ranked without reading rows;
   * off leaves text matching to Postgres.
   */
  SEARCH_TEXT_INDEX: env.boolean(true),
});

export const loadSearchConfig = () => loadConfig('search', searchConfigSchema);
