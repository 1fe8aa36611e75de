import { userError } from '@storegraph/graphql-kit';
import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AuthOutcome } from '../domain/auth.service.js';
import type { Session } from '../domain/session.service.js';
import { AuthPayload, LoginArgs, RegisterInput } from './account.types.js';
import { accountsOf, type UsersContext } from './context.js';

function authPayload(outcome: AuthOutcome): AuthPayload {
  const { session, userErrors } = outcome;
  return {
    accessToken: session?.accessToken ?? null,
    refreshToken: session?.refreshToken ?? null,
    accessTokenExpiresAt: session?.accessTokenExpiresAt ?? null,
    user: session?.user ?? null,
    userErrors,
  };
}

/** Unknown, expired, revoked and spent tokens get the same answer. */
const refreshed = (session: Session | null): AuthOutcome =>
  session
    ? { session, userErrors: [] }
    : {
        session: null,
        userErrors: [userError('INVALID_REFRESH_TOKEN', 'This session has ended; sign in again.', ['refreshToken'])],
      };

/** Registration and sessions: open to guests, as they are how a guest becomes a user. */
@Resolver()
export class AccountResolver {
  @Mutation(() => AuthPayload)
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: UsersContext) {
    return authPayload(await accountsOf(ctx).auth.register(input));
  }

  @Mutation(() => AuthPayload)
  async login(@Args(() => LoginArgs) { email, password }: LoginArgs, @Ctx() ctx: UsersContext) {
    return authPayload(await accountsOf(ctx).auth.login(email, password, ctx.clientIp ?? null));
  }

  @Mutation(() => AuthPayload)
  async refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: UsersContext) {
    return authPayload(refreshed(await accountsOf(ctx).sessions.refresh(refreshToken)));
  }

  @Mutation(() => Boolean, { description: "Ends the refresh token's family; false for an unknown token." })
  logout(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: UsersContext): Promise<boolean> {
    return accountsOf(ctx).sessions.end(refreshToken);
  }
}
