import { buildSubgraph } from '@storegraph/graphql-kit';
import type { GraphQLSchema } from 'graphql';
import { ADMIN_RESOLVERS } from './admin/index.js';
import { catalogReferences } from './graphql/catalog.references.js';
import { CatalogQueryResolver } from './graphql/catalog.resolver.js';
import { CategoryFieldsResolver } from './graphql/category.resolver.js';
import { ProductConnectionResolver, ProductFieldsResolver, VariantFieldsResolver } from './graphql/product.resolver.js';

export function buildProductsSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({
    resolvers: [
      CatalogQueryResolver,
      ProductFieldsResolver,
      VariantFieldsResolver,
      ProductConnectionResolver,
      CategoryFieldsResolver,
      ...ADMIN_RESOLVERS,
    ],
    referenceResolvers: catalogReferences,
  });
}
