import { DateTimeResolver, UserError } from '@storegraph/graphql-kit';
import { ArgsType, Field, InputType, ObjectType } from 'type-graphql';
import type { UserRecord } from '../domain/user.records.js';
import { User } from './user.types.js';

@ObjectType()
export class AuthPayload {
  @Field(() => String, { nullable: true })
  accessToken!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Opaque, single-use, rotated on every refresh; reuse of a spent token revokes the family.',
  })
  refreshToken!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  accessTokenExpiresAt!: Date | null;

  @Field(() => User, { nullable: true })
  user!: UserRecord | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class UserPayload {
  @Field(() => User, { nullable: true })
  user!: UserRecord | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class RegisterInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String)
  name!: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}

@InputType()
export class AddressInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String)
  city!: string;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2; any case.' })
  country!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Makes it the only default address.' })
  isDefault?: boolean | null;
}

/** As an ArgsType so that the SDL lists the arguments in the contract's order. */
@ArgsType()
export class LoginArgs {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  currentPassword!: string;

  @Field(() => String)
  newPassword!: string;
}
