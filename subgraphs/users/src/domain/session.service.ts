import type { Logger } from '@storegraph/logger';
import type { AccessTokenIssuer } from './access-tokens.js';
import { hashRefreshToken, newRefreshToken, REFRESH_TOKEN_SHAPE, type RefreshTokenStore } from './refresh-tokens.js';
import type { UserRecord, UserStore } from './user.records.js';

/** What a sign-in, a registration or a refresh hands the client. */
export interface Session {
  user: UserRecord;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
}

export interface SessionOptions {
  refreshTokenTtlMs: number;
  now?: () => Date;
}

/**
 * Sessions: a short-lived access token (JWT) plus an opaque refresh token that is
 * single-use. Each sign-in starts a family of refresh tokens; each refresh spends
 * the presented token and hands out its successor. A spent token presented again
 * means two parties hold the family (one of them a thief, or a client that lost
 * a response): the whole family is revoked and both must sign in again.
 */
export class SessionService {
  private readonly now: () => Date;

  constructor(
    private readonly issuer: AccessTokenIssuer,
    private readonly tokens: RefreshTokenStore,
    private readonly users: UserStore,
    private readonly logger: Logger,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private expiry(): Date {
    return new Date(this.now().getTime() + this.options.refreshTokenTtlMs);
  }

  private async withAccessToken(user: UserRecord, refreshToken: string): Promise<Session> {
    const access = await this.issuer.issue(user);
    return { user, accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken };
  }

  /** A new family for a user who just proved who they are. */
  async start(user: UserRecord): Promise<Session> {
    const refreshToken = newRefreshToken();
    const { familyId } = await this.tokens.startFamily({
      userId: user.id,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: this.expiry(),
    });
    this.logger.debug({ userId: user.id, familyId }, 'session started');
    return this.withAccessToken(user, refreshToken);
  }

  /** The next session of the token's family, or null when the token may not be used. */
  async refresh(presented: string): Promise<Session | null> {
    if (!REFRESH_TOKEN_SHAPE.test(presented)) return null;
    const refreshToken = newRefreshToken();
    const result = await this.tokens.rotate(hashRefreshToken(presented), {
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: this.expiry(),
    });
    if (result.outcome === 'invalid') return null;
    if (result.outcome === 'spent') {
      await this.tokens.revokeFamily(result.familyId);
      this.logger.warn(
        { userId: result.userId, familyId: result.familyId },
        'spent refresh token presented again; its family is revoked',
      );
      return null;
    }
    const [user] = await this.users.usersByIds([result.userId]);
    if (!user) {
      await this.tokens.revokeFamily(result.familyId);
      return null;
    }
    this.logger.debug({ userId: user.id, familyId: result.familyId }, 'session refreshed');
    return this.withAccessToken(user, refreshToken);
  }

  /** Ends the token's family; false when the token is unknown. */
  async end(presented: string): Promise<boolean> {
    if (!REFRESH_TOKEN_SHAPE.test(presented)) return false;
    return this.tokens.revokeFamilyOf(hashRefreshToken(presented));
  }
}
