import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CategoryRecord } from '../domain/catalog.records.js';
import type { ProductPage } from '../domain/catalog.service.js';
import { Category, ProductConnection } from './catalog.types.js';
import type { ProductsContext } from './context.js';
import { ProductListArgs } from './product-list.args.js';

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
    @Args(() => ProductListArgs) args: ProductListArgs,
    @Ctx() ctx: ProductsContext,
  ): Promise<ProductPage> {
    return ctx.catalog.categoryProducts(category.id, await ctx.loaders.allCategories(), {
      ...args,
      reverse: args.reverse ?? false,
    });
  }
}
