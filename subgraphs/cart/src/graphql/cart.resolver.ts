import { requireViewer } from '@storegraph/auth';
import { badUserInput, type UserError } from '@storegraph/graphql-kit';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { type CartRecord, MAX_REQUEST_ITEMS } from '../domain/cart.js';
import type { CartResult } from '../domain/cart.service.js';
import { Cart, CartLineInput, CartLineUpdateInput, CartPayload } from './cart.types.js';
import type { CartContext } from './context.js';

type Payload = { cart: CartRecord | null; userErrors: UserError[] };

function bounded<T>(items: T[], field: string): T[] {
  if (items.length > MAX_REQUEST_ITEMS) throw badUserInput(`At most ${MAX_REQUEST_ITEMS} items per request.`, [field]);
  return items;
}

/** The payload of a mutation; the offers it fetched price the cart without another catalog call. */
function payload(ctx: CartContext, result: CartResult): Payload {
  for (const [id, offer] of result.offers) ctx.offers.prime(id, offer);
  return { cart: result.cart, userErrors: result.userErrors };
}

@Resolver(() => Cart)
export class CartResolver {
  @Query(() => Cart, { nullable: true })
  cart(@Arg('id', () => ID) id: string, @Ctx() ctx: CartContext): Promise<CartRecord | null> {
    return ctx.carts.get(id, ctx.viewer);
  }

  @Mutation(() => CartPayload)
  async cartCreate(
    @Arg('lines', () => [CartLineInput], { nullable: true }) lines: CartLineInput[] | null,
    @Ctx() ctx: CartContext,
  ): Promise<Payload> {
    return payload(ctx, await ctx.carts.create(ctx.viewer, bounded(lines ?? [], 'lines')));
  }

  @Mutation(() => CartPayload)
  async cartLinesAdd(
    @Arg('cartId', () => ID) cartId: string,
    @Arg('lines', () => [CartLineInput]) lines: CartLineInput[],
    @Ctx() ctx: CartContext,
  ): Promise<Payload> {
    return payload(ctx, await ctx.carts.addLines(ctx.viewer, cartId, bounded(lines, 'lines')));
  }

  @Mutation(() => CartPayload)
  async cartLinesUpdate(
    @Arg('cartId', () => ID) cartId: string,
    @Arg('lines', () => [CartLineUpdateInput]) lines: CartLineUpdateInput[],
    @Ctx() ctx: CartContext,
  ): Promise<Payload> {
    return payload(ctx, await ctx.carts.updateLines(ctx.viewer, cartId, bounded(lines, 'lines')));
  }

  @Mutation(() => CartPayload)
  async cartLinesRemove(
    @Arg('cartId', () => ID) cartId: string,
    @Arg('lineIds', () => [ID]) lineIds: string[],
    @Ctx() ctx: CartContext,
  ): Promise<Payload> {
    return payload(ctx, await ctx.carts.removeLines(ctx.viewer, cartId, bounded(lineIds, 'lineIds')));
  }

  @Mutation(() => CartPayload, { description: "Moves a guest cart's lines into the signed-in user's cart." })
  async cartMerge(@Arg('guestCartId', () => ID) guestCartId: string, @Ctx() ctx: CartContext): Promise<Payload> {
    const viewer = requireViewer(ctx.viewer);
    return payload(ctx, await ctx.carts.merge(viewer.userId, guestCartId));
  }
}
