import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { gql } from 'graphql-tag';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';

const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])
`;

// biome-ignore lint/suspicious/noExplicitAny: reference resolvers receive any representation.
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, context: any, info: any) => unknown }>;

export interface SubgraphSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `__resolveReference` per entity type; each must batch (DataLoader). */
  referenceResolvers?: ReferenceResolvers;
}

/**
 * Builds a federation 2 subgraph schema from type-graphql classes: type-graphql
 * builds the schema and its resolvers, the SDL is printed with its directives,
 * and @apollo/subgraph adds `_entities`/`_service` with the reference resolvers.
 */
export async function buildSubgraph(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    emitSchemaFile: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as never;
  }
  return buildSubgraphSchema({
    typeDefs: gql(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
