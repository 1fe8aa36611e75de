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
}

const JWT_SHAPE = /^[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}$/;
const KID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TOKEN_LENGTH = 4_096;
const ROLES: ReadonlySet<Role> = new Set(['CUSTOMER', 'ADMIN']);

/**
 * Verifies access tokens: shape and size first (cheap), then the `kid` (a key id
 * never reaches a key lookup unless it is a plain identifier), then jose with an
 * algorithm allow-list, issuer, audience, required exp/iat/sub and bounded clock
 * skew, then our own claims (role, scope).
 */
export class TokenVerifier {
  private readonly algorithms: string[];
  private readonly clockTolerance: number;

  constructor(private readonly options: TokenVerifierOptions) {
    this.algorithms = options.algorithms ?? ['EdDSA'];
    this.clockTolerance = Math.min(options.clockToleranceSeconds ?? 60, 60);
  }

  async verify(token: string): Promise<Viewer> {
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
      }));
    } catch {
      throw authenticationFailed();
    }
    const role = payload.role as Role;
    if (typeof payload.sub !== 'string' || !ROLES.has(role)) throw authenticationFailed();
    const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    return { userId: payload.sub, role, scopes: scope };
  }
}

/** The token of an `Authorization: Bearer <token>` header; anything else is refused. */
export function bearerToken(authorization: string): string {
  const match = /^Bearer ([^\s]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw authenticationFailed('Authorization must be "Bearer <access token>".');
  return match[1];
}
