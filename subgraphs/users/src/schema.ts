import { buildSubgraph } from '@storegraph/graphql-kit';
import type { GraphQLSchema } from 'graphql';
import { ACCOUNT_RESOLVERS } from './graphql/resolvers.js';
import { UserResolver, userReferences } from './graphql/user.resolver.js';

export function buildUsersSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({ resolvers: [UserResolver, ...ACCOUNT_RESOLVERS], referenceResolvers: userReferences });
}
