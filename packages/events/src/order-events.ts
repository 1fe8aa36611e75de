import { z } from 'zod';
import { eventEnvelope } from './envelope.js';

/**
 * Order events, versioned like the catalog's: a type name carries its version, and a
 * change of meaning is a new type. The orders service publishes them after the
 * state change is committed; consumers validate them at run time and must be
 * idempotent (delivery is at least once).
 */

const uuid = z.string().uuid();

/** Every order event names the order, the cart it came from and its customer. */
const orderRef = {
  orderId: uuid,
  /** The cart checked out; null when the order did not come from a cart. */
  cartId: z.string().min(1).max(100).nullable(),
  /** The signed-in customer who ordered; null for a guest. */
  customerId: uuid.nullable(),
};
const minor = z.number().int().nonnegative();
const currencyCode = z.string().length(3);

/** An order was written (PENDING_PAYMENT) with its stock reserved. */
export const OrderPlacedV1 = z.object({
  type: z.literal('OrderPlacedV1'),
  ...orderRef,
  totalMinor: minor,
  currencyCode,
});
export type OrderPlacedV1 = z.infer<typeof OrderPlacedV1>;

/** The order's payment succeeded: its stock is sold and the cart it came from is spent. */
export const OrderPaidV1 = z.object({
  type: z.literal('OrderPaidV1'),
  ...orderRef,
});
export type OrderPaidV1 = z.infer<typeof OrderPaidV1>;

/** The payment failed: the order's reserved stock goes back on sale; the cart stays. */
export const OrderPaymentFailedV1 = z.object({
  type: z.literal('OrderPaymentFailedV1'),
  ...orderRef,
  reason: z.string().max(200),
});
export type OrderPaymentFailedV1 = z.infer<typeof OrderPaymentFailedV1>;

/** The order was cancelled (by its owner, an admin, or because its reservation expired). */
export const OrderCancelledV1 = z.object({
  type: z.literal('OrderCancelledV1'),
  ...orderRef,
  reason: z.string().max(200),
  /** True when it had been paid and the payment was refunded. */
  refunded: z.boolean(),
});
export type OrderCancelledV1 = z.infer<typeof OrderCancelledV1>;

/** A paid order was refunded in full. */
export const OrderRefundedV1 = z.object({
  type: z.literal('OrderRefundedV1'),
  ...orderRef,
  amountMinor: minor,
  currencyCode,
});
export type OrderRefundedV1 = z.infer<typeof OrderRefundedV1>;

export const OrderEvent = z.discriminatedUnion('type', [
  OrderPlacedV1,
  OrderPaidV1,
  OrderPaymentFailedV1,
  OrderCancelledV1,
  OrderRefundedV1,
]);
export type OrderEvent = z.infer<typeof OrderEvent>;
export type OrderEventType = OrderEvent['type'];

/** What travels on the queue. `aggregateId` is the order id; consumers dedupe by `id` or by order. */
export const OrderEventEnvelope = eventEnvelope(OrderEvent);
export type OrderEventEnvelope = z.infer<typeof OrderEventEnvelope>;

/** One queue per consuming service, as for catalog events. */
export const orderEventQueue = (consumer: string) => `order-events.${consumer}`;
