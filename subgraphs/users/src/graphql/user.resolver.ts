import { mayAccess, type ReferenceResolvers } from '@storegraph/graphql-kit';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { AddressRecord, UserRecord } from '../domain/user.records.js';
import type { UsersContext } from './context.js';
import { Address, User } from './user.types.js';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null for a guest.' })
  me(@Ctx() ctx: UsersContext): Promise<UserRecord | null> | null {
    return ctx.viewer ? ctx.loaders.user.load(ctx.viewer.userId) : null;
  }

  @FieldResolver(() => [Address])
  addresses(@Root() user: UserRecord, @Ctx() ctx: UsersContext): Promise<AddressRecord[]> {
    return ctx.loaders.addressesOfUser.load(user.id);
  }
}

/** A user is visible to itself and to admins only, through references too. */
export const userReferences: ReferenceResolvers = {
  User: {
    __resolveReference: (ref: { id: string }, ctx: UsersContext) =>
      mayAccess(ctx.viewer, ref.id) ? ctx.loaders.user.load(ref.id) : null,
  },
};
