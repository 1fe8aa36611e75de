import { buildSubgraph } from '@storegraph/graphql-kit';
import type { GraphQLSchema } from 'graphql';
import { UserResolver, userReferences } from './graphql/user.resolver.js';

export function buildUsersSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({ resolvers: [UserResolver], referenceResolvers: userReferences });
}
