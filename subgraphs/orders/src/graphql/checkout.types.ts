import { Money, UserError } from '@storegraph/graphql-kit';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Order } from './order.types.js';

export enum PaymentProviderEnum {
  STRIPE = 'STRIPE',
  PAYPAL = 'PAYPAL',
  TEST = 'TEST',
}
registerEnumType(PaymentProviderEnum, {
  name: 'PaymentProvider',
  valuesConfig: { TEST: { description: 'Offline provider for development and tests; never enabled in production.' } },
});

export enum PaymentStatusEnum {
  REQUIRES_ACTION = 'REQUIRES_ACTION',
  PROCESSING = 'PROCESSING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(PaymentStatusEnum, { name: 'PaymentStatus' });

@ObjectType()
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentProviderEnum)
  provider!: PaymentProviderEnum;

  @Field(() => PaymentStatusEnum)
  status!: PaymentStatusEnum;

  @Field(() => Money)
  amount!: Money;

  @Field(() => String, { nullable: true, description: 'Stripe PaymentIntent client secret, for Stripe.js.' })
  clientSecret!: string | null;

  @Field(() => String, { nullable: true, description: 'PayPal approval link.' })
  approvalUrl!: string | null;
}

/** The same input type as the users subgraph's (federation merges input types). */
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

@InputType()
export class CheckoutInput {
  @Field(() => ID)
  cartId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Required for guests; ignored for signed-in users (their account email is used).',
  })
  email?: string | null;

  @Field(() => AddressInput)
  shippingAddress!: AddressInput;

  @Field(() => PaymentProviderEnum)
  paymentProvider!: PaymentProviderEnum;

  @Field(() => String, {
    description: 'Client-generated; retrying the same checkout with the same key returns the same order.',
  })
  idempotencyKey!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'For the TEST provider only: tok_visa (succeeds), tok_chargeDeclined (fails), tok_requiresAction (3-D Secure style pending).',
  })
  testPaymentToken?: string | null;
}

@ObjectType()
export class CheckoutPayload {
  @Field(() => Order, { nullable: true })
  order!: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'For guests: the token that, with the order id, reads the order.',
  })
  orderToken!: string | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class OrderPayload {
  @Field(() => Order, { nullable: true })
  order!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType({ description: 'What a checkout quote prices: the cart, shipped to this address.' })
export class CheckoutQuoteInput {
  @Field(() => ID)
  cartId!: string;

  @Field(() => AddressInput)
  shippingAddress!: AddressInput;
}

@ObjectType({
  description:
    "The prices of a checkout before it is placed, computed as `checkout` computes the order's: the same catalog prices, shipping and tax rules.",
})
export class CheckoutQuote {
  @Field(() => Money)
  subtotal!: Money;

  @Field(() => Money)
  shipping!: Money;

  @Field(() => Money)
  tax!: Money;

  @Field(() => Money)
  total!: Money;
}

@ObjectType()
export class CheckoutQuotePayload {
  @Field(() => CheckoutQuote, { nullable: true })
  quote!: CheckoutQuote | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
