import { Address, DateTimeResolver, Money, PageInfo } from '@storegraph/graphql-kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum OrderStatusEnum {
  PENDING_PAYMENT = 'PENDING_PAYMENT',
  PAID = 'PAID',
  FULFILLED = 'FULFILLED',
  CANCELLED = 'CANCELLED',
  PAYMENT_FAILED = 'PAYMENT_FAILED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(OrderStatusEnum, { name: 'OrderStatus' });

/** The catalog's variant, referenced by id; the products subgraph resolves the rest. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class ProductVariant {
  @Field(() => ID)
  id!: string;
}

/** The users subgraph's account, extended here with its order history. */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class OrderLine {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Snapshot at checkout.' })
  title!: string;

  @Field(() => String)
  sku!: string;

  @Field(() => Int)
  quantity!: number;
}

@ObjectType()
export class Order {
  @Field(() => ID)
  id!: string;

  @Field(() => OrderStatusEnum)
  status!: OrderStatusEnum;

  @Field(() => String)
  email!: string;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver)
  updatedAt!: Date;
}

@ObjectType()
export class OrderEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Order)
  node!: Order;
}

@ObjectType()
export class OrderConnection {
  @Field(() => [OrderEdge])
  edges!: OrderEdge[];
}

export { Address, Money, PageInfo };
