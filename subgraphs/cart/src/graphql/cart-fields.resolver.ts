import { DateTimeResolver, type Money, money } from '@storegraph/graphql-kit';
import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CartLineRecord, CartRecord, VariantOffer } from '../domain/cart.js';
import { Cart, CartLine, Money as MoneyType, ProductVariant } from './cart.types.js';
import type { CartContext } from './context.js';

async function offerFor(ctx: CartContext, variantId: string): Promise<VariantOffer> {
  const offer = await ctx.offers.load(variantId);
  if (!offer) throw new Error(`variant ${variantId} of a cart is missing from the catalog`);
  return offer;
}

@Resolver(() => Cart)
export class CartFieldsResolver {
  @FieldResolver(() => [CartLine])
  lines(@Root() cart: CartRecord): CartLineRecord[] {
    return cart.lines;
  }

  @FieldResolver(() => Int)
  totalQuantity(@Root() cart: CartRecord): number {
    return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  }

  @FieldResolver(() => MoneyType, { description: 'Sum of the lines at current catalog prices.' })
  async subtotal(@Root() cart: CartRecord, @Ctx() ctx: CartContext): Promise<Money> {
    const offers = await Promise.all(cart.lines.map((line) => offerFor(ctx, line.variantId)));
    const currency = cart.currencyCode ?? offers[0]?.currencyCode ?? ctx.defaultCurrency;
    const total = cart.lines.reduce((sum, line, i) => sum + line.quantity * (offers[i]?.priceMinor ?? 0), 0);
    return money(total, currency);
  }

  @FieldResolver(() => DateTimeResolver)
  updatedAt(@Root() cart: CartRecord): Date {
    return new Date(cart.updatedAt);
  }
}

@Resolver(() => CartLine)
export class CartLineFieldsResolver {
  @FieldResolver(() => ProductVariant)
  variant(@Root() line: CartLineRecord): ProductVariant {
    return { id: line.variantId };
  }

  @FieldResolver(() => MoneyType, {
    description: 'Current price from the catalog, not the price when the line was added.',
  })
  async unitPrice(@Root() line: CartLineRecord, @Ctx() ctx: CartContext): Promise<Money> {
    const offer = await offerFor(ctx, line.variantId);
    return money(offer.priceMinor, offer.currencyCode);
  }

  @FieldResolver(() => MoneyType)
  async lineTotal(@Root() line: CartLineRecord, @Ctx() ctx: CartContext): Promise<Money> {
    const offer = await offerFor(ctx, line.variantId);
    return money(offer.priceMinor * line.quantity, offer.currencyCode);
  }
}
