import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, mountGraphQL } from '@storegraph/service';
import type { PrismaClient } from './data/prisma-client.js';
import { PostgresSuggestionIndex } from './data/suggestion.repository.js';
import { SuggestionService } from './domain/suggestions.js';
import type { SearchContext } from './graphql/suggestion.resolver.js';
import { buildSearchSchema } from './schema.js';

export interface SearchServerDeps {
  logger: Logger;
  prisma: PrismaClient;
  /** Who asks; every request must pass it (see @storegraph/auth). */
  authenticate?: Authenticate;
  /** Background work stopped after the HTTP server drained (the event consumer). */
  background?: Array<{ stop(): Promise<void> }>;
}

/** Builds the search subgraph without listening, so tests build it too. */
export async function createSearchServer(deps: SearchServerDeps) {
  const index = new PostgresSuggestionIndex(deps.prisma);
  const suggestions = new SuggestionService(index);
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const service = createHttpService({
    name: 'search',
    logger: deps.logger,
    readiness: { postgres: () => index.ping() },
    onShutdown: [...(deps.background ?? []).map((job) => () => job.stop()), () => deps.prisma.$disconnect()],
  });
  await mountGraphQL<SearchContext>(service, deps.logger, {
    apollo: { schema: await buildSearchSchema(), introspection: true },
    context: async (req) => ({ suggestions, viewer: await authenticate(req.headers) }),
  });
  return service;
}
