import { buildSubgraph } from '@storegraph/graphql-kit';
import type { GraphQLSchema } from 'graphql';
import { CartResolver } from './graphql/cart.resolver.js';
import { User } from './graphql/cart.types.js';
import { CartFieldsResolver, CartLineFieldsResolver } from './graphql/cart-fields.resolver.js';
import { UserCartResolver } from './graphql/user-cart.resolver.js';

export function buildCartSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({
    resolvers: [CartResolver, CartFieldsResolver, CartLineFieldsResolver, UserCartResolver],
    // Entities reached only through other subgraphs (User.cart) have no root field here.
    orphanedTypes: [User],
  });
}
