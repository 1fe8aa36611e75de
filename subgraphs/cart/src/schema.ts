import { buildSubgraph } from '@storegraph/graphql-kit';
import type { GraphQLSchema } from 'graphql';
import { CartLineResolver, CartResolver } from './graphql/cart.resolver.js';

export function buildCartSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({ resolvers: [CartResolver, CartLineResolver] });
}
