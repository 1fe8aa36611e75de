import { Arg, Args, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { UserOutcome } from '../domain/auth.service.js';
import { AddressInput, ChangePasswordArgs, UpdateProfileInput, UserPayload } from './account.types.js';
import { accountsOf, signedIn, type UsersContext } from './context.js';

/** The user may have changed: nothing this request loaded about them before is reused. */
function fresh(ctx: UsersContext, userId: string, outcome: UserOutcome): UserPayload {
  ctx.loaders.user.clear(userId);
  ctx.loaders.addressesOfUser.clear(userId);
  return outcome;
}

/** The signed-in user's own account; a guest gets UNAUTHENTICATED. */
@Resolver()
export class ProfileResolver {
  @Mutation(() => UserPayload)
  async updateProfile(@Arg('input', () => UpdateProfileInput) input: UpdateProfileInput, @Ctx() ctx: UsersContext) {
    const viewer = signedIn(ctx);
    return fresh(ctx, viewer.userId, await accountsOf(ctx).profile.updateProfile(viewer, input));
  }

  @Mutation(() => UserPayload, {
    description: 'Also ends every session of the account: all refresh tokens are revoked, this one included.',
  })
  async changePassword(
    @Args(() => ChangePasswordArgs) { currentPassword, newPassword }: ChangePasswordArgs,
    @Ctx() ctx: UsersContext,
  ) {
    const viewer = signedIn(ctx);
    const outcome = await accountsOf(ctx).auth.changePassword(
      viewer,
      currentPassword,
      newPassword,
      ctx.clientIp ?? null,
    );
    return fresh(ctx, viewer.userId, outcome);
  }

  @Mutation(() => UserPayload)
  async addressAdd(@Arg('input', () => AddressInput) input: AddressInput, @Ctx() ctx: UsersContext) {
    const viewer = signedIn(ctx);
    return fresh(ctx, viewer.userId, await accountsOf(ctx).profile.addAddress(viewer, input));
  }

  @Mutation(() => UserPayload)
  async addressDelete(@Arg('id', () => ID) id: string, @Ctx() ctx: UsersContext) {
    const viewer = signedIn(ctx);
    return fresh(ctx, viewer.userId, await accountsOf(ctx).profile.deleteAddress(viewer, id));
  }
}
