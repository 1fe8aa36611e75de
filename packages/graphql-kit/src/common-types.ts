import 'reflect-metadata';
import { Directive, Field, ObjectType } from 'type-graphql';

/** Money as clients see it: a decimal string and an ISO 4217 code. */
@Directive('@shareable')
@ObjectType({ description: 'An amount of money: a decimal string and an ISO 4217 currency code.' })
export class Money {
  @Field(() => String)
  amount!: string;

  @Field(() => String)
  currencyCode!: string;
}

@Directive('@shareable')
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@Directive('@shareable')
@ObjectType()
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, if any.' })
  field!: string[] | null;

  @Field(() => String)
  message!: string;

  @Field(() => String, {
    description: 'Stable machine-readable code, e.g. OUT_OF_STOCK, INVALID_CREDENTIALS, EMAIL_TAKEN.',
  })
  code!: string;
}

export function userError(code: string, message: string, field: string[] | null = null): UserError {
  return Object.assign(new UserError(), { code, message, field });
}
