import { bearerToken, type TokenVerifier } from '@storegraph/auth';
import type { Viewer } from '@storegraph/graphql-kit';
import { GraphQLError } from 'graphql';
import { sendEdgeError } from './edge-error.js';
import type { EdgePlugin } from './edge-plugin.js';

declare global {
  namespace Express {
    interface Locals {
      /** Set by useAccessTokens when the request carries a valid token. */
      viewer?: Viewer;
    }
  }
}

/**
 * Verifies every bearer token before the operation is parsed or planned. A request
 * without Authorization is a guest; a request with an invalid, expired or malformed
 * token is refused with 401 UNAUTHENTICATED and no data, never served as a guest.
 */
export function useAccessTokens(options: { verifier: TokenVerifier }): EdgePlugin {
  return {
    name: 'access-tokens',
    async http(req, res, next) {
      const authorization = req.headers.authorization;
      if (authorization === undefined) {
        next();
        return;
      }
      try {
        res.locals.viewer = await options.verifier.verify(bearerToken(authorization));
        next();
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : 'The access token is invalid or expired.';
        res.set('www-authenticate', 'Bearer error="invalid_token"');
        sendEdgeError(req, res, 401, { code: 'UNAUTHENTICATED', message });
      }
    },
  };
}
