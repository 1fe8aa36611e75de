import type { ReferenceResolvers } from '@storegraph/graphql-kit';
import type { ProductsContext } from './context.js';

type Ref = { id: string };

/**
 * Entity references from other subgraphs. Each goes through the request's
 * DataLoader, so a page of cart or order lines costs one query per entity type.
 * Soft-deleted products still resolve here: order history needs them.
 */
export const catalogReferences: ReferenceResolvers = {
  Product: { __resolveReference: (ref: Ref, ctx: ProductsContext) => ctx.loaders.product.load(ref.id) },
  ProductVariant: { __resolveReference: (ref: Ref, ctx: ProductsContext) => ctx.loaders.variant.load(ref.id) },
  Category: { __resolveReference: (ref: Ref, ctx: ProductsContext) => ctx.loaders.category.load(ref.id) },
  Brand: { __resolveReference: (ref: Ref, ctx: ProductsContext) => ctx.loaders.brand.load(ref.id) },
};
