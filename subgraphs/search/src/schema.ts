import { buildSubgraph } from '@storegraph/graphql-kit';
import type { GraphQLSchema } from 'graphql';
import { SearchResolver } from './graphql/search.resolver.js';
import { SuggestionResolver } from './graphql/suggestion.resolver.js';

export function buildSearchSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({ resolvers: [SearchResolver, SuggestionResolver] });
}
