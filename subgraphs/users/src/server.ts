import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, mountGraphQL } from '@storegraph/service';
import type { PrismaClient } from './data/prisma-client.js';
import { PrismaUserStore } from './data/user.repository.js';
import { createContext, type UsersContext } from './graphql/context.js';
import { buildUsersSchema } from './schema.js';

export interface UsersServerDeps {
  logger: Logger;
  prisma: PrismaClient;
  authenticate?: Authenticate;
}

/** Builds the users subgraph without listening, so tests build it too. */
export async function createUsersServer(deps: UsersServerDeps) {
  const store = new PrismaUserStore(deps.prisma);
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const service = createHttpService({
    name: 'users',
    logger: deps.logger,
    readiness: { postgres: () => store.ping() },
    onShutdown: [() => deps.prisma.$disconnect()],
  });
  await mountGraphQL<UsersContext>(service, deps.logger, {
    apollo: { schema: await buildUsersSchema(), introspection: true },
    context: async (req) => createContext(store, await authenticate(req.headers)),
  });
  return service;
}
