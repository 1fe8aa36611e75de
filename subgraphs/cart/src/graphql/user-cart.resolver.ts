import { requireViewer } from '@storegraph/auth';
import { forbidden } from '@storegraph/graphql-kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CartRecord } from '../domain/cart.js';
import { Cart, User } from './cart.types.js';
import type { CartContext } from './context.js';

@Resolver(() => User)
export class UserCartResolver {
  /**
   * Only for the user themself: reading it creates the cart when there is none, which
   * is nobody else's business (an admin included).
   */
  @FieldResolver(() => Cart, { description: "The signed-in user's cart; an empty cart when nothing was added yet." })
  cart(@Root() user: { id: string }, @Ctx() ctx: CartContext): Promise<CartRecord> {
    if (requireViewer(ctx.viewer).userId !== user.id) throw forbidden();
    return ctx.carts.customerCart(user.id);
  }
}
