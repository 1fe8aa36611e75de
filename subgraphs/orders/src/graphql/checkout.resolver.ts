import { requireAdmin } from '@storegraph/auth';
import { type Money, money, serviceUnavailable, userError } from '@storegraph/graphql-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InternalCallError } from '../data/internal-http.js';
import type { PaymentRecord } from '../data/order.store.js';
import { validateCheckout, validateQuote } from '../domain/checkout-input.js';
import type { OrderRecord } from '../domain/order.records.js';
import { IllegalTransition } from '../domain/order-status.js';
import { PaymentProviderError } from '../domain/ports.js';
import { CheckoutUnavailable } from '../workflows/checkout.workflow.js';
import {
  CheckoutInput,
  CheckoutPayload,
  CheckoutQuoteInput,
  CheckoutQuotePayload,
  OrderPayload,
  Payment,
} from './checkout.types.js';
import type { OrdersContext } from './context.js';
import { Money as MoneyType, Order } from './order.types.js';

const notFound = () => ({ order: null, userErrors: [userError('ORDER_NOT_FOUND', 'No such order.', ['id'])] });

/** Runs an order command, turning expected refusals into userErrors and provider faults into one masked error. */
async function command(run: () => Promise<OrderRecord>): Promise<OrderPayload> {
  try {
    return { order: await run(), userErrors: [] };
  } catch (error) {
    if (error instanceof IllegalTransition) {
      return { order: null, userErrors: [userError(error.code, error.message, ['id'])] };
    }
    if (error instanceof PaymentProviderError) throw serviceUnavailable('The payment provider is unavailable.');
    throw error;
  }
}

@Resolver()
export class CheckoutResolver {
  @Query(() => Order, { nullable: true, description: 'Owner or ADMIN; a guest passes the orderToken from checkout.' })
  order(
    @Arg('id', () => ID) id: string,
    @Arg('orderToken', () => String, { nullable: true }) orderToken: string | null,
    @Ctx() ctx: OrdersContext,
  ): Promise<OrderRecord | null> {
    return ctx.orders.readable(id, ctx.viewer, orderToken);
  }

  @Query(() => CheckoutQuotePayload, {
    description:
      'Subtotal, shipping, tax and total of checking this cart out to this address, before paying. Guests quote guest carts; a customer their own cart.',
  })
  async checkoutQuote(
    @Arg('input', () => CheckoutQuoteInput) input: CheckoutQuoteInput,
    @Ctx() ctx: OrdersContext,
  ): Promise<CheckoutQuotePayload> {
    const validated = validateQuote(input);
    const refused = (errors: Array<{ code: string; message: string; field: string[] }>) => ({
      quote: null,
      userErrors: errors.map((e) => userError(e.code, e.message, e.field)),
    });
    if (!validated.ok) return refused(validated.errors);
    try {
      const outcome = await ctx.quotes.quote(validated.request, ctx.viewer?.userId ?? null);
      if (outcome.kind === 'REFUSED') return refused(outcome.errors);
      const { currencyCode, subtotalMinor, shippingMinor, taxMinor, totalMinor } = outcome.quote;
      return {
        quote: {
          subtotal: money(subtotalMinor, currencyCode),
          shipping: money(shippingMinor, currencyCode),
          tax: money(taxMinor, currencyCode),
          total: money(totalMinor, currencyCode),
        },
        userErrors: [],
      };
    } catch (error) {
      if (error instanceof InternalCallError)
        throw serviceUnavailable('Prices cannot be computed right now; try again.');
      throw error;
    }
  }

  @Mutation(() => CheckoutPayload)
  async checkout(@Arg('input', () => CheckoutInput) input: CheckoutInput, @Ctx() ctx: OrdersContext) {
    const validated = validateCheckout(input, ctx.viewer !== null);
    if (!validated.ok) {
      return {
        order: null,
        orderToken: null,
        userErrors: validated.errors.map((e) => userError(e.code, e.message, e.field)),
      };
    }
    let customer: { id: string; email: string } | null = null;
    if (ctx.viewer) {
      const email = await ctx.customers
        .emailOf({ customerId: ctx.viewer.userId, authorization: ctx.authorization ?? '', requestId: '' })
        .catch(() => null);
      if (!email) throw serviceUnavailable('Your account could not be read; try again.');
      customer = { id: ctx.viewer.userId, email };
    }
    try {
      const outcome = await ctx.checkout.checkout(validated.request, customer);
      if (outcome.kind === 'REFUSED') {
        return {
          order: null,
          orderToken: null,
          userErrors: outcome.errors.map((e) => userError(e.code, e.message, e.field)),
        };
      }
      // The order with its payment in one read; the payment field's loader is primed with it.
      const placed = await ctx.store.orderWithPayment(outcome.orderId);
      if (placed) ctx.paymentOfOrder.prime(placed.order.id, placed.payment);
      return { order: placed?.order ?? null, orderToken: outcome.orderToken, userErrors: [] };
    } catch (error) {
      if (error instanceof CheckoutUnavailable)
        throw serviceUnavailable('Checkout is unavailable; retry with the same key.');
      throw error;
    }
  }

  @Mutation(() => OrderPayload, {
    description: 'PayPal: capture after the buyer approved; TEST: completes a REQUIRES_ACTION payment.',
  })
  async paymentConfirm(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('orderToken', () => String, { nullable: true }) orderToken: string | null,
    @Ctx() ctx: OrdersContext,
  ): Promise<OrderPayload> {
    const order = await ctx.orders.readable(orderId, ctx.viewer, orderToken);
    if (!order) return notFound();
    return command(() => ctx.lifecycle.confirm(order.id));
  }

  @Mutation(() => OrderPayload)
  async orderCancel(
    @Arg('id', () => ID) id: string,
    @Arg('orderToken', () => String, { nullable: true }) orderToken: string | null,
    @Ctx() ctx: OrdersContext,
  ): Promise<OrderPayload> {
    const order = await ctx.orders.readable(id, ctx.viewer, orderToken);
    if (!order) return notFound();
    const by = ctx.viewer?.role === 'ADMIN' ? 'an admin' : 'the customer';
    return command(() => ctx.lifecycle.cancel(order.id, `cancelled by ${by}`));
  }

  @Mutation(() => OrderPayload, { description: 'ADMIN' })
  async orderFulfill(@Arg('id', () => ID) id: string, @Ctx() ctx: OrdersContext): Promise<OrderPayload> {
    requireAdmin(ctx.viewer);
    const order = await ctx.orders.byId(id);
    if (!order) return notFound();
    return command(() => ctx.lifecycle.fulfil(order.id));
  }

  @Mutation(() => OrderPayload, { description: "ADMIN; full refund through the order's provider." })
  async orderRefund(@Arg('id', () => ID) id: string, @Ctx() ctx: OrdersContext): Promise<OrderPayload> {
    requireAdmin(ctx.viewer);
    const order = await ctx.orders.byId(id);
    if (!order) return notFound();
    return command(() => ctx.lifecycle.refund(order.id));
  }
}

@Resolver(() => Order)
export class OrderPaymentResolver {
  @FieldResolver(() => Payment, { nullable: true })
  payment(@Root() order: OrderRecord, @Ctx() ctx: OrdersContext): Promise<PaymentRecord | null> {
    return ctx.paymentOfOrder.load(order.id);
  }
}

@Resolver(() => Payment)
export class PaymentFieldsResolver {
  @FieldResolver(() => MoneyType)
  amount(@Root() payment: PaymentRecord): Money {
    return money(payment.amountMinor, payment.currencyCode);
  }
}
