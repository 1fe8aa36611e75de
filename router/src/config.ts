import { fileURLToPath } from 'node:url';
import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

const defaultSupergraph = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export const routerConfigSchema = z.object({
  ...accessTokenEnv,
  /**
   * How many proxies in front of the router to trust for the client address
   * (X-Forwarded-For); 0 trusts none and uses the connection's address.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  PORT: env.port(4000),
  HOST: env.host(),
  /** Prometheus metrics on their own port; 0 turns them off. */
  METRICS_PORT: env.metricsPort(9464),
  LOG_LEVEL: env.logLevel(),
  NODE_ENV: env.nodeEnv(),
  /** The composed supergraph; the router never introspects subgraphs at run time. */
  SUPERGRAPH_PATH: z.string().min(1).default(defaultSupergraph),
  USERS_URL: env.httpUrl().default('http://127.0.0.1:4001/graphql'),
  PRODUCTS_URL: env.httpUrl().default('http://127.0.0.1:4002/graphql'),
  CART_URL: env.httpUrl().default('http://127.0.0.1:4003/graphql'),
  ORDERS_URL: env.httpUrl().default('http://127.0.0.1:4004/graphql'),
  SEARCH_URL: env.httpUrl().default('http://127.0.0.1:4005/graphql'),
  /** Limit for one subgraph call; past it the fields of that call fail, the rest of the response stands. */
  SUBGRAPH_TIMEOUT_MS: env.milliseconds(5_000),
  /** Largest request body in bytes (413 beyond). */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_000_000).default(1_000_000),
  /** Schema introspection for developer tools; off by default in production. */
  INTROSPECTION: z.enum(['true', 'false']).optional(),
});

export type RouterConfig = z.infer<typeof routerConfigSchema> & { introspection: boolean };

export function loadRouterConfig(): RouterConfig {
  const parsed = loadConfig('router', routerConfigSchema);
  return {
    ...parsed,
    introspection: parsed.INTROSPECTION ? parsed.INTROSPECTION === 'true' : parsed.NODE_ENV !== 'production',
  };
}

export function subgraphUrls(config: z.infer<typeof routerConfigSchema>): Record<string, string> {
  return {
    users: config.USERS_URL,
    products: config.PRODUCTS_URL,
    cart: config.CART_URL,
    orders: config.ORDERS_URL,
    search: config.SEARCH_URL,
  };
}
