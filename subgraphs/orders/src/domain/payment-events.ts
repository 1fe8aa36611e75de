import type { PaymentRecord, StatusChange } from '../data/order.store.js';
import type { OrderRecord } from './order.records.js';
import type { PaymentEvent, PaymentState } from './ports.js';

/**
 * Providers deliver events at least once and in any order. A payment's status only
 * moves up this precedence, so a late `processing` never undoes `succeeded`, and a
 * late `failed` never undoes a success (money moved; it is refunded if the order no
 * longer wants it). Equal ranks (REQUIRES_ACTION, PROCESSING) follow the latest event.
 */
export const PAYMENT_PRECEDENCE: Readonly<Record<PaymentState, number>> = {
  REQUIRES_ACTION: 0,
  PROCESSING: 0,
  FAILED: 1,
  SUCCEEDED: 2,
  REFUNDED: 3,
};

/** What a provider event does to the order and its payment, or null when it changes nothing. */
export function decidePaymentEvent(
  order: OrderRecord,
  payment: PaymentRecord,
  event: Pick<PaymentEvent, 'status' | 'type'>,
): StatusChange | null {
  if (event.status === payment.status) return null;
  if (PAYMENT_PRECEDENCE[event.status] < PAYMENT_PRECEDENCE[payment.status]) return null;
  const cause = `payment ${event.status.toLowerCase()} (${event.type})`;
  if (event.status === 'SUCCEEDED' && order.status === 'PENDING_PAYMENT') {
    return { to: 'PAID', cause, paymentStatus: 'SUCCEEDED' };
  }
  if (event.status === 'FAILED' && order.status === 'PENDING_PAYMENT') {
    return { to: 'PAYMENT_FAILED', cause, paymentStatus: 'FAILED' };
  }
  return { to: order.status, cause, paymentStatus: event.status };
}

/** A payment that succeeded on an order that was cancelled or failed meanwhile: its money goes back. */
export const needsOrphanRefund = (order: Pick<OrderRecord, 'status'>, payment: Pick<PaymentRecord, 'status'>) =>
  payment.status === 'SUCCEEDED' && (order.status === 'CANCELLED' || order.status === 'PAYMENT_FAILED');
