import type { Role, Viewer } from '@storegraph/graphql-kit';
import { decodeProtectedHeader, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { authenticationFailed } from './errors.js';

export interface TokenVerifierOptions {
  /** Where the signing keys come from: remoteKeys(jwksUrl) or localKeys(load). */
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Accepted algorithms; anything else (none, HS256 …) is refused. */
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /**
   * How long a verified token is kept, by its text, so that the next requests bearing it
   * skip the signature check (0: not kept). Never past the token's expiry; this is the
   * longest a key removed from the key set still vouches for tokens it signed. Default 60 s.
   */
  cacheMaxAgeMs?: number;
  /** Verified tokens kept at most (the oldest goes first). Default 10,000. */
  cacheEntries?: number;
  /** The time, in epoch milliseconds (tests move it). */
  now?: () => number;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}$/;
const KID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TOKEN_LENGTH = 4_096;
const ROLES: ReadonlySet<Role> = new Set(['CUSTOMER', 'ADMIN']);

/**
 * Verifies access tokens: shape and size first (cheap), then the `kid` (a key id
 * never reaches a key lookup unless it is a plain identifier), then jose with an
 * algorithm allow-list, issuer, audience, required exp/iat/sub and bounded clock
 * skew, then our own claims (role, scope). A verified token is kept (bounded, see
 * cacheMaxAgeMs) so that a client's next requests cost a map lookup: access tokens are
 * not revoked before they expire, so only a key taken out of the key set is noticed
 * later, by at most the cache's age. Refused tokens are never kept.
 */
export class TokenVerifier {
  private readonly algorithms: string[];
  private readonly clockTolerance: number;
  private readonly now: () => number;
  private readonly cacheMaxAgeMs: number;
  private readonly cacheEntries: number;
  /** Verified tokens: the viewer and until when (epoch ms) it may be given without a check. */
  private readonly verified = new Map<string, { viewer: Viewer; until: number }>();

  constructor(private readonly options: TokenVerifierOptions) {
    this.algorithms = options.algorithms ?? ['EdDSA'];
    this.clockTolerance = Math.min(options.clockToleranceSeconds ?? 60, 60);
    this.now = options.now ?? Date.now;
    this.cacheMaxAgeMs = options.cacheMaxAgeMs ?? 60_000;
    this.cacheEntries = options.cacheEntries ?? 10_000;
  }

  async verify(token: string): Promise<Viewer> {
    const now = this.now();
    const kept = this.verified.get(token);
    if (kept) {
      if (now < kept.until) return kept.viewer;
      this.verified.delete(token);
    }
    const { viewer, exp } = await this.check(token, now);
    if (this.cacheMaxAgeMs > 0) {
      // Accepted up to exp + tolerance by the check itself: never longer from the cache.
      const until = Math.min(now + this.cacheMaxAgeMs, (exp + this.clockTolerance) * 1000);
      if (this.verified.size >= this.cacheEntries) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, { viewer, until });
    }
    return viewer;
  }

  private async check(token: string, now: number): Promise<{ viewer: Viewer; exp: number }> {
    if (token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) throw authenticationFailed();
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw authenticationFailed();
    }
    if (typeof header.alg !== 'string' || !this.algorithms.includes(header.alg)) throw authenticationFailed();
    if (typeof header.kid !== 'string' || !KID_SHAPE.test(header.kid)) throw authenticationFailed();
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, this.options.keys, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: this.clockTolerance,
        currentDate: new Date(now),
      }));
    } catch {
      throw authenticationFailed();
    }
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || !ROLES.has(role)) throw authenticationFailed();
    const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    // Frozen: one kept viewer serves many requests.
    const viewer = Object.freeze({ userId: payload.sub, role, scopes: Object.freeze(scope) as string[] });
    return { viewer, exp: payload.exp as number };
  }
}

/** The token of an `Authorization: Bearer <token>` header; anything else is refused. */
export function bearerToken(authorization: string): string {
  const match = /^Bearer ([^\s]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw authenticationFailed('Authorization must be "Bearer <access token>".');
  return match[1];
}
