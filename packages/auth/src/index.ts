export { authenticationFailed } from './errors.js';
export { type AccessTokenConfig, subgraphAuthenticatorFromConfig, verifierFromConfig } from './from-config.js';
export { requireAdmin, requireOwner, requireViewer } from './guards.js';
export {
  INTERNAL_HEADERS,
  internalCallHeaders,
  internalOnly,
  isInternalRequest,
  type ProofSubject,
  signInternalProof,
  verifyInternalProof,
} from './internal-proof.js';
export { localKeys, type RemoteKeysOptions, remoteKeys } from './keys.js';
export { createSubgraphAuthenticator, provenClientIp } from './subgraph-authenticator.js';
export { bearerToken, TokenVerifier, type TokenVerifierOptions } from './token-verifier.js';
