import { badUserInput } from '@storegraph/graphql-kit';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { BrandRecord, CategoryRecord, ProductRecord } from '../domain/catalog.records.js';
import type { ProductPage } from '../domain/catalog.service.js';
import { Brand, Category, Product, ProductConnection } from './catalog.types.js';
import type { ProductsContext } from './context.js';
import { ProductListArgs } from './product-list.args.js';

@Resolver()
export class CatalogQueryResolver {
  @Query(() => Product, { nullable: true })
  async product(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('slug', () => String, { nullable: true }) slug: string | null,
    @Ctx() ctx: ProductsContext,
  ): Promise<ProductRecord | null> {
    if ((id == null) === (slug == null)) throw badUserInput('Pass exactly one of id or slug.');
    if (id != null) {
      const product = await ctx.loaders.product.load(id);
      return product && !product.deletedAt ? product : null;
    }
    return ctx.catalog.productBySlug(slug as string);
  }

  @Query(() => ProductConnection)
  products(@Args(() => ProductListArgs) args: ProductListArgs, @Ctx() ctx: ProductsContext): Promise<ProductPage> {
    return ctx.catalog.productPage({ ...args, reverse: args.reverse ?? false });
  }

  @Query(() => [Category], { description: 'The top-level categories; descend through children.' })
  async categories(@Ctx() ctx: ProductsContext): Promise<CategoryRecord[]> {
    return (await ctx.loaders.allCategories()).filter((c) => c.parentId === null);
  }

  @Query(() => Category, { nullable: true })
  async category(@Arg('slug', () => String) slug: string, @Ctx() ctx: ProductsContext): Promise<CategoryRecord | null> {
    return (await ctx.loaders.allCategories()).find((c) => c.slug === slug) ?? null;
  }

  @Query(() => [Brand])
  brands(@Ctx() ctx: ProductsContext): Promise<BrandRecord[]> {
    return ctx.catalog.brands();
  }
}
