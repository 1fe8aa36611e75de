import type { Authenticate } from '@storegraph/graphql-kit';
import { remoteKeys } from './keys.js';
import { createSubgraphAuthenticator } from './subgraph-authenticator.js';
import { TokenVerifier } from './token-verifier.js';

export interface AccessTokenConfig {
  JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  INTERNAL_SECRET: string;
}

/** The verifier of tokens signed by the users service, from the shared config variables. */
export function verifierFromConfig(config: AccessTokenConfig): TokenVerifier {
  return new TokenVerifier({
    keys: remoteKeys(config.JWKS_URL),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
}

/** What a subgraph's main passes to its server as `authenticate`. */
export function subgraphAuthenticatorFromConfig(config: AccessTokenConfig): Authenticate {
  return createSubgraphAuthenticator({ verifier: verifierFromConfig(config), internalSecret: config.INTERNAL_SECRET });
}
