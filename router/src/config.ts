import { fileURLToPath } from 'node:url';
import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';
import type { OperationLimits } from './limits/limit-violation.js';
import type { BucketPolicy } from './rate-limit/token-bucket.js';

/**
 * Cost points per tier. Shopify's Admin API bucket is 1,000 points refilled at 50 a
 * second; the storefront's product page (Newest, cost 242) would then allow one page
 * every five seconds to everyone behind one address, so guests get twice that.
 * `auth` is the per-address budget of login and registration attempts.
 */
export const DEFAULT_RATE_TIERS: Record<string, BucketPolicy> = {
  guest: { capacity: 2_000, refillPerSecond: 100 },
  customer: { capacity: 4_000, refillPerSecond: 200 },
  partner: { capacity: 2_000, refillPerSecond: 100 },
  'partner-plus': { capacity: 10_000, refillPerSecond: 500 },
  admin: { capacity: 10_000, refillPerSecond: 500 },
  auth: { capacity: 10, refillPerSecond: 0.1 },
};

export function rateTiers(config: { RATE_LIMIT_TIERS?: Record<string, BucketPolicy> | undefined }) {
  return { ...DEFAULT_RATE_TIERS, ...config.RATE_LIMIT_TIERS };
}

/** A positive integer limit with a default. */
const limit = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const defaultSupergraph = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const defaultManifests = fileURLToPath(new URL('../../schema/persisted-queries', import.meta.url));

export const routerConfigSchema = z
  .object({
    ...accessTokenEnv,
    /**
     * How many proxies in front of the router to trust for the client address
     * (X-Forwarded-For); 0 trusts none and uses the connection's address.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    PORT: env.port(4000),
    HOST: env.host(),
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
    /** Per-subgraph timeouts overriding SUBGRAPH_TIMEOUT_MS, as `search=1500,cart=800`. */
    SUBGRAPH_TIMEOUTS: z
      .string()
      .regex(/^([a-z][a-z0-9_-]*=\d+)(,[a-z][a-z0-9_-]*=\d+)*$/, 'must look like search=1500,cart=800')
      .transform((text) =>
        Object.fromEntries(text.split(',').map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])])),
      )
      .optional(),
    /** Consecutive failed calls (connection, timeout, 5xx) that open a subgraph's circuit. */
    CIRCUIT_FAILURE_THRESHOLD: limit(5),
    /** How long an open circuit refuses calls before one probe is let through. */
    CIRCUIT_OPEN_MS: env.milliseconds(10_000),
    /** Largest request body in bytes (413 beyond). */
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_000_000).default(1_000_000),
    /** Schema introspection for developer tools; off by default in production. */
    INTROSPECTION: z.enum(['true', 'false']).optional(),
    /** GraphiQL at GET /graphql for browsers; off by default in production. */
    PLAYGROUND: z.enum(['true', 'false']).optional(),

    // Operation limits, checked before planning (400 with a specific code beyond each).
    MAX_DEPTH: limit(12),
    MAX_ALIASES: limit(30),
    MAX_ROOT_FIELDS: limit(10),
    MAX_DIRECTIVES: limit(20),
    MAX_TOKENS: limit(2_000),
    /** Calculated cost (Shopify's model): objects 1, connections 2 + first × children, mutations +10. */
    MAX_COST: limit(1_000),
    /** Largest `first`/`last` (BAD_USER_INPUT beyond). */
    MAX_PAGE_SIZE: limit(100),
    /** Items assumed for a list field without a size argument, in the cost. */
    COST_DEFAULT_LIST_SIZE: limit(5),
    COST_MUTATION: limit(10),

    /** Rate-limit buckets; the router keeps serving on in-process buckets while it is unreachable. */
    REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379/0'),
    REDIS_KEY_PREFIX: z.string().min(1).default('sg:router:'),
    /**
     * JSON object of tier name to { capacity, refillPerSecond } in cost points, merged
     * over DEFAULT_RATE_TIERS; partner keys name any tier defined here.
     */
    RATE_LIMIT_TIERS: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
          return z.NEVER;
        }
      })
      .pipe(z.record(z.string(), z.object({ capacity: limit(1), refillPerSecond: z.number().positive() })))
      .optional(),
    /** Persisted-query manifests (Apollo's format), one `*.json` per client or partner set. */
    PERSISTED_QUERIES_DIR: z.string().min(1).default(defaultManifests),
    /** off: any operation; log: unknown operations served and logged; enforce: only known operations. */
    SAFELIST_MODE: z.enum(['off', 'log', 'enforce']).default('off'),
    /** How long a verified partner key is trusted before it is read again: the delay of a revocation. */
    PARTNER_KEY_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
    /** The manifests' operations run past Apollo Server's request pipeline (see router/README.md). */
    FAST_PATH: z.enum(['on', 'off']).default('on'),
    /** Public catalog answers kept in the router's memory, dropped on change notices (see router/README.md). */
    RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
    /** The longest an answer is kept, whatever the notices say. */
    RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    RESPONSE_CACHE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1_000_000)
      .default(64 * 1024 * 1024),
    /** Subgraphs whose query answers are the same for every caller and that send change notices. */
    RESPONSE_CACHE_SUBGRAPHS: z
      .string()
      .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/)
      .default('products,search')
      .transform((v) => new Set(v.split(','))),
    /** Redis pub/sub channel of catalog change notices (the products and search services publish). */
    CATALOG_CHANGES_CHANNEL: z.string().min(1).default('sg:catalog-changes'),
    /** Prometheus metrics (GET /metrics) on their own port, off the public one; 0 turns them off. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  })
  .superRefine((config, ctx) => {
    for (const [tier, policy] of Object.entries(rateTiers(config))) {
      if (tier !== 'auth' && policy.capacity < config.MAX_COST) {
        ctx.addIssue({
          code: 'custom',
          path: ['RATE_LIMIT_TIERS'],
          message: `tier ${tier} holds ${policy.capacity} points, less than MAX_COST (${config.MAX_COST}): its largest operations could never run`,
        });
      }
    }
  });

export type RouterEnv = z.infer<typeof routerConfigSchema>;
export type RouterConfig = RouterEnv & { introspection: boolean; playground: boolean };

export function loadRouterConfig(): RouterConfig {
  const parsed = loadConfig('router', routerConfigSchema);
  return {
    ...parsed,
    introspection: parsed.INTROSPECTION ? parsed.INTROSPECTION === 'true' : parsed.NODE_ENV !== 'production',
    playground: parsed.PLAYGROUND ? parsed.PLAYGROUND === 'true' : parsed.NODE_ENV !== 'production',
  };
}

export function subgraphUrls(config: RouterEnv): Record<string, string> {
  return {
    users: config.USERS_URL,
    products: config.PRODUCTS_URL,
    cart: config.CART_URL,
    orders: config.ORDERS_URL,
    search: config.SEARCH_URL,
  };
}

export function operationLimits(config: RouterEnv): OperationLimits {
  return {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxRootFields: config.MAX_ROOT_FIELDS,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST,
    maxPageSize: config.MAX_PAGE_SIZE,
  };
}

/** Timeouts and circuit breakers of the subgraph calls, as createRouter takes them. */
export function subgraphCallOptions(config: RouterEnv) {
  return {
    subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeouts: config.SUBGRAPH_TIMEOUTS,
    circuitBreaker: { failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD, openMs: config.CIRCUIT_OPEN_MS },
  };
}
