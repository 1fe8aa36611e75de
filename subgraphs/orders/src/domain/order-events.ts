import type { OrderEvent } from '@storegraph/events';
import type { OrderStatus } from './order.records.js';

export interface OrderIdentity {
  id: string;
  cartId: string | null;
  customerId: string | null;
  totalMinor: number;
  currencyCode: string;
}

/** The event a status change publishes (written to the outbox with the change), if any. */
export function eventOfTransition(
  order: OrderIdentity,
  from: OrderStatus | null,
  to: OrderStatus,
  cause: string,
): OrderEvent | null {
  const ref = { orderId: order.id, cartId: order.cartId, customerId: order.customerId };
  switch (to) {
    case 'PENDING_PAYMENT':
      return { type: 'OrderPlacedV1', ...ref, totalMinor: order.totalMinor, currencyCode: order.currencyCode };
    case 'PAID':
      return { type: 'OrderPaidV1', ...ref };
    case 'PAYMENT_FAILED':
      return { type: 'OrderPaymentFailedV1', ...ref, reason: cause.slice(0, 200) };
    case 'CANCELLED':
      return { type: 'OrderCancelledV1', ...ref, reason: cause.slice(0, 200), refunded: from === 'PAID' };
    case 'REFUNDED':
      return { type: 'OrderRefundedV1', ...ref, amountMinor: order.totalMinor, currencyCode: order.currencyCode };
    case 'FULFILLED':
      return null;
  }
}
