/**
 * The account module: registration, sign-in, sessions, profile and address book.
 *
 * How a server uses it (the composition root, `main.ts`/`server.ts`):
 *
 *   const accounts = createAccountModule({ prisma, redis, redisPrefix, logger, issuer,
 *     accessTokenTtlSeconds, refreshTokenTtlDays });
 *   // the schema: buildUsersSchema() already includes accounts.resolvers
 *   // each request's context:
 *   createContext(store, viewer, { ...accounts.contextPart, clientIp })
 *   // the JWKS, mounted before mountGraphQL (which ends with a 404 handler):
 *   service.app.get('/.well-known/jwks.json', jwksHandler(signingKeys, accessTokenTtlSeconds + 60));
 *
 * `redis` is a client from createFailFastRedis (@storegraph/service) that the caller connects and
 * disconnects; null runs without login throttling (a warning says so at start).
 * `clientIp` is the caller's decision of which address the request came from
 * (it knows which proxies to trust); null when unknown.
 */
import type { Logger } from '@storegraph/logger';
import type { Redis } from 'ioredis';
import { PrismaAddressBook } from './data/address.repository.js';
import { argon2Hasher } from './data/argon2-hasher.js';
import type { PrismaClient } from './data/prisma-client.js';
import { RedisLoginThrottle } from './data/redis-login-throttle.js';
import { PrismaRefreshTokenStore } from './data/refresh-token.store.js';
import { PrismaUserStore } from './data/user.repository.js';
import type { AccessTokenIssuer } from './domain/access-tokens.js';
import { AuthService } from './domain/auth.service.js';
import { type LoginThrottle, unthrottled } from './domain/login-throttle.js';
import { ProfileService } from './domain/profile.service.js';
import { SessionService } from './domain/session.service.js';
import type { AccountContextPart, AccountServices } from './graphql/context.js';
import { ACCOUNT_RESOLVERS } from './graphql/resolvers.js';

export interface AccountModuleDeps {
  prisma: PrismaClient;
  redis: Redis | null;
  /** Every Redis key of the module starts with it. */
  redisPrefix: string;
  logger: Logger;
  issuer: AccessTokenIssuer;
  /** The lifetime `issuer` signs with; checked against the refresh-token lifetime. */
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

export interface AccountModule {
  /** type-graphql resolver classes of the account mutations (buildUsersSchema includes them). */
  resolvers: typeof ACCOUNT_RESOLVERS;
  /** Spread into each request's context, next to that request's `clientIp`. */
  contextPart: Required<Pick<AccountContextPart, 'accounts'>>;
  accounts: AccountServices;
  throttle: LoginThrottle;
}

export function createAccountModule(deps: AccountModuleDeps): AccountModule {
  const refreshTokenTtlMs = deps.refreshTokenTtlDays * 24 * 3600 * 1000;
  if (!(deps.accessTokenTtlSeconds > 0) || !(refreshTokenTtlMs > deps.accessTokenTtlSeconds * 1000)) {
    throw new Error('accounts: refresh tokens must outlive access tokens, and both lifetimes must be positive');
  }
  const users = new PrismaUserStore(deps.prisma);
  let throttle: LoginThrottle = unthrottled;
  if (deps.redis) throttle = new RedisLoginThrottle(deps.redis, deps.redisPrefix, deps.logger);
  else deps.logger.warn('accounts: no Redis given; sign-in attempts are not throttled');
  const sessions = new SessionService(deps.issuer, new PrismaRefreshTokenStore(deps.prisma), users, deps.logger, {
    refreshTokenTtlMs,
  });
  const accounts: AccountServices = {
    auth: new AuthService(users, argon2Hasher, sessions, throttle, deps.logger),
    sessions,
    profile: new ProfileService(users, new PrismaAddressBook(deps.prisma)),
  };
  return { resolvers: ACCOUNT_RESOLVERS, contextPart: { accounts }, accounts, throttle };
}
