import { requireAdmin } from '@storegraph/auth';
import { Arg, Args, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type AdminContext, adminOf } from './admin.context.js';
import { InventorySetArgs, ProductInput, ProductUpdateArgs, VariantPriceSetArgs } from './admin.inputs.js';
import { ProductPayload, VariantPayload } from './admin.payloads.js';
import type { ProductOutcome, VariantOutcome } from './catalog-admin.service.js';

/** What this request's loaders cached about a product or variant may be stale after a write. */
function freshProduct(ctx: AdminContext, outcome: ProductOutcome): ProductOutcome {
  if (outcome.product) {
    ctx.loaders.product.clear(outcome.product.id).prime(outcome.product.id, outcome.product);
    ctx.loaders.variantsOfProduct.clear(outcome.product.id);
  }
  return outcome;
}

function freshVariant(ctx: AdminContext, outcome: VariantOutcome): VariantOutcome {
  if (outcome.variant) {
    ctx.loaders.variant.clear(outcome.variant.id).prime(outcome.variant.id, outcome.variant);
    ctx.loaders.product.clear(outcome.variant.productId);
    ctx.loaders.variantsOfProduct.clear(outcome.variant.productId);
  }
  return outcome;
}

/** The catalog's admin mutations: ADMIN only, checked before anything is read or written. */
@Resolver()
export class CatalogAdminResolver {
  @Mutation(() => ProductPayload)
  async productCreate(
    @Arg('input', () => ProductInput) input: ProductInput,
    @Ctx() ctx: AdminContext,
  ): Promise<ProductOutcome> {
    requireAdmin(ctx.viewer);
    return freshProduct(ctx, await adminOf(ctx).createProduct(input));
  }

  @Mutation(() => ProductPayload)
  async productUpdate(
    @Args(() => ProductUpdateArgs) { id, input }: ProductUpdateArgs,
    @Ctx() ctx: AdminContext,
  ): Promise<ProductOutcome> {
    requireAdmin(ctx.viewer);
    return freshProduct(ctx, await adminOf(ctx).updateProduct(id, input));
  }

  @Mutation(() => ProductPayload)
  async productDelete(@Arg('id', () => ID) id: string, @Ctx() ctx: AdminContext): Promise<ProductOutcome> {
    requireAdmin(ctx.viewer);
    return freshProduct(ctx, await adminOf(ctx).deleteProduct(id));
  }

  @Mutation(() => VariantPayload)
  async inventorySet(
    @Args(() => InventorySetArgs) { variantId, quantityOnHand }: InventorySetArgs,
    @Ctx() ctx: AdminContext,
  ): Promise<VariantOutcome> {
    requireAdmin(ctx.viewer);
    return freshVariant(ctx, await adminOf(ctx).setInventory(variantId, quantityOnHand));
  }

  @Mutation(() => VariantPayload)
  async variantPriceSet(
    @Args(() => VariantPriceSetArgs) { variantId, price }: VariantPriceSetArgs,
    @Ctx() ctx: AdminContext,
  ): Promise<VariantOutcome> {
    requireAdmin(ctx.viewer);
    return freshVariant(ctx, await adminOf(ctx).setPrice(variantId, price));
  }
}
