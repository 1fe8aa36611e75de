import { createSubgraphAuthenticator, localKeys, provenClientIp, TokenVerifier } from '@storegraph/auth';
import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, mountGraphQL, type ServiceMetrics } from '@storegraph/service';
import type { Redis } from 'ioredis';
import { createAccountModule } from './accounts.js';
import { JoseAccessTokenIssuer } from './data/jose-access-token.issuer.js';
import type { PrismaClient } from './data/prisma-client.js';
import { PrismaSigningKeyStore } from './data/signing-key.store.js';
import { PrismaUserStore } from './data/user.repository.js';
import { createContext, type UsersContext } from './graphql/context.js';
import { jwksHandler } from './http/jwks.js';
import { buildUsersSchema } from './schema.js';

export interface TokenSettings {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

export const DEFAULT_TOKEN_SETTINGS: TokenSettings = {
  issuer: 'storegraph-users',
  audience: 'storegraph',
  accessTokenTtlSeconds: 900,
  refreshTokenTtlDays: 30,
};

export interface UsersServerDeps {
  logger: Logger;
  prisma: PrismaClient;
  /** Sign-in throttling; null runs without it (a warning says so). */
  redis?: Redis | null;
  redisPrefix?: string;
  tokens?: TokenSettings;
  /**
   * With the internal secret, requests must carry the router's proof and tokens are
   * verified against this service's own keys. Tests may pass `authenticate` instead.
   */
  internalSecret?: string;
  authenticate?: Authenticate;
  /** Client address of a request; defaults to the one the router proved. */
  clientIpOf?: (headers: import('node:http').IncomingHttpHeaders) => string | null;
  /** The process's metrics (main.ts adds store timings); a registry of its own when absent. */
  metrics?: ServiceMetrics;
}

/** Builds the users subgraph without listening, so tests build it too. */
export async function createUsersServer(deps: UsersServerDeps) {
  const tokens = deps.tokens ?? DEFAULT_TOKEN_SETTINGS;
  const store = new PrismaUserStore(deps.prisma);
  const signingKeys = new PrismaSigningKeyStore(deps.prisma);
  // Tokens stay verifiable for their lifetime plus the clock skew verifiers allow.
  const graceSeconds = tokens.accessTokenTtlSeconds + 60;
  const issuer = new JoseAccessTokenIssuer(signingKeys, {
    issuer: tokens.issuer,
    audience: tokens.audience,
    ttlSeconds: tokens.accessTokenTtlSeconds,
  });
  const accounts = createAccountModule({
    prisma: deps.prisma,
    redis: deps.redis ?? null,
    redisPrefix: deps.redisPrefix ?? 'sg:users:',
    logger: deps.logger,
    issuer,
    accessTokenTtlSeconds: tokens.accessTokenTtlSeconds,
    refreshTokenTtlDays: tokens.refreshTokenTtlDays,
  });
  const authenticate =
    deps.authenticate ??
    (deps.internalSecret
      ? createSubgraphAuthenticator({
          verifier: new TokenVerifier({
            keys: localKeys(async () => ({ keys: (await signingKeys.publishedKeys(graceSeconds)).map((k) => k.jwk) })),
            issuer: tokens.issuer,
            audience: tokens.audience,
          }),
          internalSecret: deps.internalSecret,
        })
      : everyoneIsGuest);
  const clientIpOf = deps.clientIpOf ?? provenClientIp;
  // The first signing key is made now rather than by the first sign-in.
  await signingKeys.activeKey();
  const service = createHttpService({
    name: 'users',
    logger: deps.logger,
    metrics: deps.metrics,
    // Not Redis: sign-in throttling fails open, so the service can serve without it.
    readiness: { postgres: () => store.ping() },
    onShutdown: [() => deps.prisma.$disconnect(), async () => deps.redis?.disconnect()],
  });
  service.app.get('/.well-known/jwks.json', jwksHandler(signingKeys, graceSeconds));
  await mountGraphQL<UsersContext>(service, deps.logger, {
    apollo: { schema: await buildUsersSchema(), introspection: true },
    context: async (req) =>
      createContext(store, await authenticate(req.headers), {
        ...accounts.contextPart,
        clientIp: clientIpOf(req.headers),
      }),
  });
  return service;
}
