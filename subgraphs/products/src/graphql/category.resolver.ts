import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CategoryRecord } from '../domain/catalog.records.js';
import type { ProductPage } from '../domain/catalog.service.js';
import { Category, ProductConnection, ProductSortKey } from './catalog.types.js';
import type { ProductsContext } from './context.js';

@Resolver(() => Category)
export class CategoryFieldsResolver {
  @FieldResolver(() => Category, { nullable: true })
  parent(@Root() category: CategoryRecord, @Ctx() ctx: ProductsContext): Promise<CategoryRecord | null> | null {
    return category.parentId ? ctx.loaders.category.load(category.parentId) : null;
  }

  @FieldResolver(() => [Category])
  async children(@Root() category: CategoryRecord, @Ctx() ctx: ProductsContext): Promise<CategoryRecord[]> {
    return (await ctx.loaders.allCategories()).filter((c) => c.parentId === category.id);
  }

  @FieldResolver(() => ProductConnection, { description: 'Products of this category and its descendants.' })
  async products(
    @Root() category: CategoryRecord,
    @Arg('first', () => Int, { nullable: true, defaultValue: 24 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('sortKey', () => ProductSortKey, { nullable: true, defaultValue: ProductSortKey.CREATED_AT })
    sortKey: ProductSortKey,
    @Arg('reverse', () => Boolean, { nullable: true, defaultValue: false }) reverse: boolean,
    @Ctx() ctx: ProductsContext,
  ): Promise<ProductPage> {
    return ctx.catalog.categoryProducts(category.id, await ctx.loaders.allCategories(), {
      first,
      after,
      sortKey,
      reverse: reverse ?? false,
    });
  }
}
