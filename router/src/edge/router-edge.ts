import type { TokenVerifier } from '@storegraph/auth';
import type { Logger } from '@storegraph/logger';
import { apiSchema } from '../api-schema.js';
import { operationLimits, type RouterEnv } from '../config.js';
import { useAccessTokens } from './access-tokens.js';
import type { EdgePlugin } from './edge-plugin.js';
import { useOperationLimits } from './operation-limits.js';

/**
 * The router's edge plugins in the order they run: who is asking (token), what
 * they ask (limits on the parsed operation), whether they may ask it now (rate
 * limits). `npm start` and the end-to-end tests wire the edge through this one place.
 */
export function routerEdge(deps: {
  config: RouterEnv;
  supergraphSdl: string;
  logger: Logger;
  verifier: TokenVerifier;
}): EdgePlugin[] {
  const { config, logger } = deps;
  return [
    useAccessTokens({ verifier: deps.verifier }),
    useOperationLimits({
      schema: apiSchema(deps.supergraphSdl),
      limits: operationLimits(config),
      cost: { defaultListSize: config.COST_DEFAULT_LIST_SIZE, mutationCost: config.COST_MUTATION },
      logger,
    }),
  ];
}
