import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits a guesser has to cover. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token: its hex SHA-256, so a database leak yields no usable token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The shape newRefreshToken produces; anything else is refused without a query. */
export const REFRESH_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type RotationOutcome =
  /** The token was spent and `next` stored as its successor. */
  | { outcome: 'rotated'; userId: string; familyId: string }
  /** The token had been spent already: presented a second time. */
  | { outcome: 'spent'; userId: string; familyId: string }
  /** Unknown, expired or revoked. */
  | { outcome: 'invalid' };

/**
 * Refresh tokens, by hash. A family is the chain of tokens that one sign-in
 * produces; at most one token of a family is unspent at a time.
 */
export interface RefreshTokenStore {
  /** Stores the first token of a new family. */
  startFamily(token: { userId: string; tokenHash: string; expiresAt: Date }): Promise<{ familyId: string }>;
  /**
   * Spends the token and stores `next` as its successor in the same family, in one
   * transaction: the spend is a conditional update, so of two concurrent rotations
   * of one token exactly one wins.
   */
  rotate(tokenHash: string, next: { tokenHash: string; expiresAt: Date }): Promise<RotationOutcome>;
  /** Revokes every token of the family. */
  revokeFamily(familyId: string): Promise<void>;
  /** Revokes the family of the token with that hash; false when there is no such token. */
  revokeFamilyOf(tokenHash: string): Promise<boolean>;
}
