import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

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

/**
 * A postal address. Users keep an address book; an order keeps a snapshot of its
 * shipping address. Both subgraphs resolve it, hence shareable, and one definition.
 */
@Directive('@shareable')
@ObjectType()
export class Address {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2!: string | null;

  @Field(() => String)
  city!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2.' })
  country!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => Boolean)
  isDefault!: boolean;
}
