import type { Authenticate, Viewer } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, createFailFastRedis as createRedis, mountGraphQL } from '@storegraph/service';
import { testRedisUrl } from '@storegraph/testkit';
import type { Redis } from 'ioredis';
import { type AccountModule, createAccountModule } from '../src/accounts.js';
import { JoseAccessTokenIssuer } from '../src/data/jose-access-token.issuer.js';
import type { PrismaClient } from '../src/data/prisma-client.js';
import { PrismaSigningKeyStore } from '../src/data/signing-key.store.js';
import { PrismaUserStore } from '../src/data/user.repository.js';
import { createContext, type UsersContext } from '../src/graphql/context.js';
import { jwksHandler } from '../src/http/jwks.js';
import { buildUsersSchema } from '../src/schema.js';

export const ISSUER = 'https://users.storegraph.test';
export const AUDIENCE = 'storegraph';
export const ACCESS_TOKEN_TTL_SECONDS = 900;

/** Test identity: the viewer named by the x-test-viewer header. */
export const authenticate: Authenticate = async (headers) =>
  headers['x-test-viewer'] ? (JSON.parse(String(headers['x-test-viewer'])) as Viewer) : null;

export interface TestUsersServer {
  url: string;
  module: AccountModule;
  stop(): Promise<void>;
}

/**
 * What server.ts will do once it wires the account module, built here so the
 * tests run now: the users subgraph with accounts, the test `authenticate`, the
 * client address from `x-test-client-ip`, and the JWKS route.
 */
export async function startUsersServer(options: {
  prisma: PrismaClient;
  logger: Logger;
  /** A connected client; by default one on the test Redis, closed by stop(). */
  redis?: Redis | null;
  redisPrefix?: string;
}): Promise<TestUsersServer> {
  let ownRedis: Redis | undefined;
  let redis = options.redis;
  if (redis === undefined) {
    ownRedis = createRedis(testRedisUrl());
    await ownRedis.connect();
    redis = ownRedis;
  }
  const signingKeys = new PrismaSigningKeyStore(options.prisma);
  const issuer = new JoseAccessTokenIssuer(signingKeys, {
    issuer: ISSUER,
    audience: AUDIENCE,
    ttlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  });
  const module = createAccountModule({
    prisma: options.prisma,
    redis,
    redisPrefix: options.redisPrefix ?? (process.env.USERS_TEST_REDIS_PREFIX as string),
    logger: options.logger,
    issuer,
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: 30,
  });
  const store = new PrismaUserStore(options.prisma);
  const service = createHttpService({ name: 'users', logger: options.logger });
  service.app.get('/.well-known/jwks.json', jwksHandler(signingKeys, ACCESS_TOKEN_TTL_SECONDS + 60));
  await mountGraphQL<UsersContext>(service, options.logger, {
    apollo: { schema: await buildUsersSchema(), introspection: true },
    context: async (req) => {
      const ip = req.headers['x-test-client-ip'];
      return createContext(store, await authenticate(req.headers), {
        ...module.contextPart,
        clientIp: typeof ip === 'string' ? ip : null,
      });
    },
  });
  const { url } = await service.listen(0);
  return {
    url,
    module,
    async stop() {
      await service.stop();
      ownRedis?.disconnect();
    },
  };
}

export interface GqlOptions {
  viewer?: Viewer;
  ip?: string;
}

/** Posts one GraphQL operation; the JSON answer, untyped as tests read it. */
export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.viewer) headers['x-test-viewer'] = JSON.stringify(options.viewer);
  if (options.ip) headers['x-test-client-ip'] = options.ip;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as any;
}
