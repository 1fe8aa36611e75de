import type { IncomingHttpHeaders } from 'node:http';
import type { Authenticate, Viewer } from '@storegraph/graphql-kit';
import { authenticationFailed } from './errors.js';
import { INTERNAL_HEADERS, verifyInternalProof } from './internal-proof.js';
import { bearerToken, type TokenVerifier } from './token-verifier.js';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * How a subgraph learns who asks. A request must carry a valid internal proof (it
 * came through the router, or from another subgraph); then the forwarded bearer
 * token, if any, is verified here again. Identity is never read from a header a
 * client could set: a direct call with forged headers is refused outright.
 */
export function createSubgraphAuthenticator(options: {
  verifier: TokenVerifier;
  internalSecret: string;
  maxSkewSeconds?: number;
}): Authenticate {
  return async (headers: IncomingHttpHeaders): Promise<Viewer | null> => {
    const authorization = one(headers.authorization);
    const proven = verifyInternalProof(
      options.internalSecret,
      one(headers[INTERNAL_HEADERS.proof]),
      {
        requestId: one(headers[INTERNAL_HEADERS.requestId]) ?? '',
        clientIp: one(headers[INTERNAL_HEADERS.clientIp]) ?? '',
        authorization,
      },
      { maxSkewSeconds: options.maxSkewSeconds },
    );
    if (!proven) throw authenticationFailed('Requests must come through the Storegraph API.');
    if (authorization === undefined) return null;
    return options.verifier.verify(bearerToken(authorization));
  };
}

/**
 * The client's address as the router recorded it. Only meaningful after the
 * authenticator accepted the request, since the proof covers this header.
 */
export function provenClientIp(headers: IncomingHttpHeaders): string | null {
  return one(headers[INTERNAL_HEADERS.clientIp]) || null;
}
