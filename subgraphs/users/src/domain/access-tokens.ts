import type { Role } from '@storegraph/graphql-kit';

/** Claims of every access token; `scope` is space-separated. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  scope: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

/** Signs short-lived access tokens (JWT, EdDSA) with the active signing key. */
export interface AccessTokenIssuer {
  issue(user: { id: string; role: Role }): Promise<IssuedAccessToken>;
}

export interface PublishedKey {
  kid: string;
  jwk: Record<string, unknown>;
}

/** Signing keys: the newest unretired key signs; retired keys stay published until their tokens expire. */
export interface SigningKeyStore {
  /** The key that signs now, created when there is none. */
  activeKey(): Promise<{ kid: string; privateJwk: Record<string, unknown>; algorithm: string }>;
  /** Public keys of the JWKS: the active key and keys retired less than `graceSeconds` ago. */
  publishedKeys(graceSeconds: number): Promise<PublishedKey[]>;
  /** Makes a new key the active one and retires the previous. */
  rotate(): Promise<{ kid: string; retired: string | null }>;
}

export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';

export function scopeFor(role: Role): string {
  return role === 'ADMIN' ? 'customer admin' : 'customer';
}
