import type { TokenVerifier } from '@storegraph/auth';
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
  return [
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
}
