import type { TokenVerifier } from '@storegraph/auth';
import { subscribeCatalogChanges } from '@storegraph/events/catalog-changes';
import type { Logger } from '@storegraph/logger';
import type { Redis } from 'ioredis';
import { apiSchema } from '../api-schema.js';
import { operationLimits, type RouterEnv, rateTiers } from '../config.js';
import type { RouterMetrics } from '../metrics.js';
import { loadManifests } from '../persisted/manifest.js';
import { PartnerKeyStore } from '../persisted/partner-keys.js';
import { LocalBuckets } from '../rate-limit/local-buckets.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { RedisBuckets } from '../rate-limit/redis-buckets.js';
import { ResponseStore } from '../response-cache/response-store.js';
import { useResponseCache } from '../response-cache/use-response-cache.js';
import { useAccessTokens } from './access-tokens.js';
import type { EdgePlugin } from './edge-plugin.js';
import { useOperationLimits } from './operation-limits.js';
import { usePersistedQueries } from './persisted-queries.js';
import { useRateLimits } from './rate-limits.js';

/**
 * The router's edge plugins in the order they run: who is asking (token, partner
 * key) and which operation (persisted ids resolved, the safelist applied), whether
 * it is within the limits (on the parsed operation), whether they may ask it now
 * (rate limits, charged by the operation's cost). `npm start` and the end-to-end tests
 * wire the edge through this one place.
 */
export function routerEdge(deps: {
  config: RouterEnv;
  supergraphSdl: string;
  logger: Logger;
  verifier: TokenVerifier;
  /** A fail-fast client (createFailFastRedis) for the rate-limit buckets. */
  redis: Redis;
  metrics: RouterMetrics;
}): EdgePlugin[] {
  const { config, logger } = deps;
  const schema = apiSchema(deps.supergraphSdl);
  const limiter = new RateLimiter({
    redis: new RedisBuckets(deps.redis, `${config.REDIS_KEY_PREFIX}rate:`),
    local: new LocalBuckets(),
    logger,
    metrics: deps.metrics,
  });
  const operations = loadManifests(config.PERSISTED_QUERIES_DIR, schema);
  const plugins: EdgePlugin[] = [
    useAccessTokens({ verifier: deps.verifier }),
    usePersistedQueries({
      operations,
      keys: new PartnerKeyStore(deps.redis, config.REDIS_KEY_PREFIX),
      safelist: config.SAFELIST_MODE,
      keyCacheMs: config.PARTNER_KEY_CACHE_MS,
      logger,
    }),
    useOperationLimits({
      schema,
      limits: operationLimits(config),
      cost: { defaultListSize: config.COST_DEFAULT_LIST_SIZE, mutationCost: config.COST_MUTATION },
      logger,
      warm: [...operations.values()].map((op) => op.body),
    }),
    useRateLimits({ limiter, tiers: rateTiers(config) }),
  ];
  if (config.RESPONSE_CACHE === 'on') plugins.push(responseCache(deps, schema));
  if (config.FAST_PATH === 'on') plugins.push({ name: 'fast-path', knownOperations: operations.values() });
  return plugins;
}

/**
 * The response cache (last: it serves only what passed the limits and was charged)
 * and its subscription to catalog change notices, on a connection of its own.
 */
function responseCache(deps: Parameters<typeof routerEdge>[0], schema: ReturnType<typeof apiSchema>): EdgePlugin {
  const { config, logger, metrics } = deps;
  const store = new ResponseStore({ maxBytes: config.RESPONSE_CACHE_MAX_BYTES, ttlMs: config.RESPONSE_CACHE_TTL_MS });
  // Named, so that an operator (or a test) can tell this subscription among Redis's clients.
  const subscriber = deps.redis.duplicate({
    connectionName: `${config.REDIS_KEY_PREFIX}catalog-changes`.replace(/[^A-Za-z0-9:_-]/g, '_'),
  });
  let down = false;
  subscriber.on('error', (error) => {
    if (!down) logger.warn({ err: error }, 'response cache: change notices lost; serving without the cache');
    down = true;
  });
  subscriber.on('ready', () => {
    down = false;
  });
  const subscription = subscribeCatalogChanges(subscriber, config.CATALOG_CHANGES_CHANNEL, {
    onChange(change) {
      store.invalidate(change);
      metrics.responseCacheEntries.set(store.size);
    },
    onGap() {
      store.clear();
      metrics.responseCacheEntries.set(0);
    },
  });
  subscriber.connect().catch(() => undefined);
  const plugin = useResponseCache({
    schema,
    supergraphSdl: deps.supergraphSdl,
    store,
    subgraphs: config.RESPONSE_CACHE_SUBGRAPHS,
    live: () => subscription.live,
    metrics: {
      inc(labels) {
        metrics.responseCache.inc(labels);
        if (labels.result === 'stored') metrics.responseCacheEntries.set(store.size);
      },
    },
  });
  return { ...plugin, stop: () => subscription.close() };
}
