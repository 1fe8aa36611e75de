import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, createServiceMetrics, mountGraphQL, type ServiceMetrics } from '@storegraph/service';
import type { PrismaClient } from './data/prisma-client.js';
import { SearchService } from './domain/search.js';
import { SuggestionService } from './domain/suggestions.js';
import type { DocValuesSync } from './engine/doc-values-sync.js';
import { PostgresSearchEngine } from './engine/postgres-search-engine.js';
import type { SearchEngine } from './engine/search-engine.js';
import type { SearchContext } from './graphql/context.js';
import { createSearchMetrics } from './graphql/search-metrics.js';
import { buildSearchSchema } from './schema.js';

export interface SearchServerDeps {
  logger: Logger;
  prisma: PrismaClient;
  /** Who asks; every request must pass it (see @storegraph/auth). */
  authenticate?: Authenticate;
  /** The engine behind search and suggestions; Postgres full text unless another is given. */
  engine?: SearchEngine;
  /** Doc values for the default engine (started by the caller); stopped with the server. */
  docValues?: DocValuesSync;
  /** Background work stopped after the HTTP server drained (the event consumer). */
  background?: Array<{ stop(): Promise<void> }>;
  /** The process's metrics (main.ts adds store timings); a registry of its own when absent. */
  metrics?: ServiceMetrics;
}

/** Builds the search subgraph without listening, so tests build it too. */
export async function createSearchServer(deps: SearchServerDeps) {
  const engine = deps.engine ?? new PostgresSearchEngine(deps.prisma, { docValues: deps.docValues });
  const search = new SearchService(engine);
  const suggestions = new SuggestionService(engine);
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const metrics = deps.metrics ?? createServiceMetrics('search');
  const searchMetrics = createSearchMetrics(metrics);
  const service = createHttpService({
    name: 'search',
    logger: deps.logger,
    metrics,
    readiness: { index: () => engine.ping() },
    onShutdown: [
      ...[...(deps.background ?? []), ...(deps.docValues ? [deps.docValues] : [])].map((job) => () => job.stop()),
      () => deps.prisma.$disconnect(),
    ],
  });
  await mountGraphQL<SearchContext>(service, deps.logger, {
    apollo: { schema: await buildSearchSchema(), introspection: true },
    context: async (req) => ({
      search,
      suggestions,
      viewer: await authenticate(req.headers),
      metrics: searchMetrics,
    }),
  });
  return service;
}
