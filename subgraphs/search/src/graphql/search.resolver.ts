import { pageInfo } from '@storegraph/graphql-kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { SearchService } from '../domain/search.js';
import type { SearchContext } from './context.js';
import { SearchArgs, SearchResult } from './search.types.js';

const services = new WeakMap<object, SearchService>();

function searchService(ctx: SearchContext): SearchService {
  if (ctx.search) return ctx.search;
  const engine = ctx.suggestions.engine;
  let service = services.get(engine);
  if (!service) {
    service = new SearchService(engine);
    services.set(engine, service);
  }
  return service;
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchResult)
  async search(@Args(() => SearchArgs) args: SearchArgs, @Ctx() ctx: SearchContext): Promise<SearchResult> {
    const found = await searchService(ctx).search(args);
    ctx.metrics?.searches.inc({
      kind: args.query?.trim() ? 'text' : 'browse',
      result: found.totalCount === 0 ? 'zero' : 'hits',
    });
    const edges = found.hits.map((hit) => ({ cursor: hit.cursor, node: { id: hit.productId } }));
    return {
      products: {
        edges,
        nodes: edges.map((e) => e.node),
        pageInfo: pageInfo({
          hasNextPage: found.hasNextPage,
          hasPreviousPage: Boolean(args.after),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        }),
        totalCount: found.totalCount,
      },
      facets: found.facets,
      correctedQuery: found.correctedQuery,
    };
  }
}
