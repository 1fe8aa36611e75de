import { Money, UserError } from '@storegraph/graphql-kit';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';

/** The catalog's variant, referenced by id; the products subgraph resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class ProductVariant {
  @Field(() => ID)
  id!: string;
}

/** The users subgraph's account, extended here with its cart. */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class CartLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  quantity!: number;
}

@ObjectType()
export class Cart {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class CartPayload {
  @Field(() => Cart, { nullable: true })
  cart!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class CartLineInput {
  @Field(() => ID)
  variantId!: string;

  @Field(() => Int)
  quantity!: number;
}

@InputType()
export class CartLineUpdateInput {
  @Field(() => ID)
  lineId!: string;

  @Field(() => Int, { description: '0 removes the line.' })
  quantity!: number;
}

export { Money };
