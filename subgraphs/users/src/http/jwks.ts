import type { RequestHandler } from 'express';
import type { SigningKeyStore } from '../domain/access-tokens.js';

/** The members of a public JWK (OKP and EC keys); anything else, a private part above all, is left out. */
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'] as const;

function publicPart(jwk: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(PUBLIC_MEMBERS.filter((m) => jwk[m] !== undefined).map((m) => [m, jwk[m]]));
}

/**
 * The JWKS that verifiers of access tokens fetch: the active key and the keys
 * retired less than `graceSeconds` ago (give at least the access-token lifetime,
 * so that every unexpired token stays verifiable). Anyone may cache it for a
 * minute: a verifier that meets an unknown `kid` after a rotation refetches
 * (jose's remote key set does), so the cache never delays a new key.
 */
export function jwksHandler(keys: SigningKeyStore, graceSeconds: number): RequestHandler {
  return async (_req, res, next) => {
    try {
      const published = await keys.publishedKeys(graceSeconds);
      res.setHeader('cache-control', 'public, max-age=60');
      res.json({ keys: published.map((key) => publicPart({ ...key.jwk, kid: key.kid })) });
    } catch (error) {
      next(error);
    }
  };
}
