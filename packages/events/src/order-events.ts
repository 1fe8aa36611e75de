import { z } from 'zod';

/**
 * Order events, versioned like the catalog's: a type name carries its version, and a
 * change of meaning is a new type. The orders service publishes them after the
 * state change is committed; consumers validate them at run time and must be
 * idempotent (delivery is at least once).
 */

const uuid = z.string().uuid();

/** The order's payment succeeded: its stock is sold and the cart it came from is spent. */
export const OrderPaidV1 = z.object({
  type: z.literal('OrderPaidV1'),
  orderId: uuid,
  /** The cart checked out; null when the order did not come from a cart. */
  cartId: z.string().min(1).max(100).nullable(),
  /** The signed-in customer who ordered; null for a guest. */
  customerId: uuid.nullable(),
});
export type OrderPaidV1 = z.infer<typeof OrderPaidV1>;

export const OrderEvent = z.discriminatedUnion('type', [OrderPaidV1]);
export type OrderEvent = z.infer<typeof OrderEvent>;

/** What travels on the queue. `aggregateId` is the order id; consumers dedupe by `id` or by order. */
export const OrderEventEnvelope = z.object({
  id: uuid,
  occurredAt: z.string(),
  aggregateId: uuid,
  event: OrderEvent,
});
export type OrderEventEnvelope = z.infer<typeof OrderEventEnvelope>;

/** One queue per consuming service, as for catalog events. */
export const orderEventQueue = (consumer: string) => `order-events.${consumer}`;
