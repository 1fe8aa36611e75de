import { Money, money, PageInfo, pageInfoOf } from '@storegraph/graphql-kit';
import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import {
  type BrandRecord,
  type CategoryRecord,
  type ProductRecord,
  quantityAvailable,
  type VariantRecord,
} from '../domain/catalog.records.js';
import type { ProductPage } from '../domain/catalog.service.js';
import { Brand, Category, Image, PriceRange, Product, ProductConnection, ProductVariant } from './catalog.types.js';
import type { ProductsContext } from './context.js';

@Resolver(() => Product)
export class ProductFieldsResolver {
  @FieldResolver(() => Brand, { nullable: true })
  brand(@Root() product: ProductRecord, @Ctx() ctx: ProductsContext): Promise<BrandRecord | null> | null {
    return product.brandId ? ctx.loaders.brand.load(product.brandId) : null;
  }

  @FieldResolver(() => Category)
  async category(@Root() product: ProductRecord, @Ctx() ctx: ProductsContext): Promise<CategoryRecord> {
    const category = await ctx.loaders.category.load(product.categoryId);
    if (!category) throw new Error(`product ${product.id} has no category ${product.categoryId}`);
    return category;
  }

  @FieldResolver(() => [ProductVariant])
  variants(@Root() product: ProductRecord, @Ctx() ctx: ProductsContext): Promise<VariantRecord[]> {
    return ctx.loaders.variantsOfProduct.load(product.id);
  }

  @FieldResolver(() => [Image])
  images(@Root() product: ProductRecord, @Ctx() ctx: ProductsContext): Image[] {
    return product.images.map((image) => ({
      // Our own pictures are paths under the media base URL; an admin may also give an https URL.
      url: image.path.startsWith('https://') ? image.path : `${ctx.mediaBaseUrl}${image.path}`,
      altText: image.altText,
      width: image.width,
      height: image.height,
    }));
  }

  @FieldResolver(() => PriceRange)
  priceRange(@Root() product: ProductRecord): PriceRange {
    return {
      min: money(product.priceMinMinor, product.currencyCode),
      max: money(product.priceMaxMinor, product.currencyCode),
    };
  }

  @FieldResolver(() => Boolean)
  async availableForSale(@Root() product: ProductRecord, @Ctx() ctx: ProductsContext): Promise<boolean> {
    if (product.deletedAt) return false;
    const variants = await ctx.loaders.variantsOfProduct.load(product.id);
    return variants.some((v) => quantityAvailable(v) > 0);
  }
}

@Resolver(() => ProductVariant)
export class VariantFieldsResolver {
  @FieldResolver(() => Money)
  price(@Root() variant: VariantRecord): Money {
    return money(variant.priceMinor, variant.currencyCode);
  }

  @FieldResolver(() => Money, { nullable: true })
  compareAtPrice(@Root() variant: VariantRecord): Money | null {
    return variant.compareAtMinor === null ? null : money(variant.compareAtMinor, variant.currencyCode);
  }

  @FieldResolver(() => Int, { description: 'Stock on hand minus active reservations, never negative.' })
  quantityAvailable(@Root() variant: VariantRecord): number {
    return quantityAvailable(variant);
  }

  @FieldResolver(() => Boolean)
  availableForSale(@Root() variant: VariantRecord): boolean {
    return quantityAvailable(variant) > 0;
  }

  // Services that must refuse deleted variants (the cart) read it through `_entities`;
  // @inaccessible keeps it out of the public API.
  @Directive('@inaccessible')
  @FieldResolver(() => Boolean, { description: 'Its product was deleted: kept for order history, never for sale.' })
  discontinued(@Root() variant: VariantRecord): boolean {
    return variant.productDeleted;
  }

  @FieldResolver(() => Product)
  async product(@Root() variant: VariantRecord, @Ctx() ctx: ProductsContext): Promise<ProductRecord> {
    const product = await ctx.loaders.product.load(variant.productId);
    if (!product) throw new Error(`variant ${variant.id} has no product ${variant.productId}`);
    return product;
  }
}

@Resolver(() => ProductConnection)
export class ProductConnectionResolver {
  @FieldResolver(() => [Product])
  nodes(@Root() page: ProductPage): ProductRecord[] {
    return page.edges.map((e) => e.node);
  }

  @FieldResolver(() => PageInfo)
  pageInfo(@Root() page: ProductPage) {
    return pageInfoOf(page);
  }

  @FieldResolver(() => Int)
  totalCount(@Root() page: ProductPage): Promise<number> {
    return page.countTotal();
  }
}
