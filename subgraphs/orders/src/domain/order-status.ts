import type { OrderStatus } from './order.records.js';

/**
 * The order lifecycle. Every change of status goes through `transitionAllowed`, and
 * every change is recorded (order_transitions: from, to, cause, time) in the
 * transaction that makes it.
 *
 *   PENDING_PAYMENT -> PAID -> FULFILLED
 *   PENDING_PAYMENT -> PAYMENT_FAILED | CANCELLED
 *   PAID -> REFUNDED
 *   PAID -> CANCELLED (the payment is refunded first)
 *
 * FULFILLED, PAYMENT_FAILED, CANCELLED and REFUNDED are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_PAYMENT: ['PAID', 'PAYMENT_FAILED', 'CANCELLED'],
  PAID: ['FULFILLED', 'REFUNDED', 'CANCELLED'],
  FULFILLED: [],
  PAYMENT_FAILED: [],
  CANCELLED: [],
  REFUNDED: [],
};

export function transitionAllowed(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export const isFinal = (status: OrderStatus): boolean => ORDER_TRANSITIONS[status].length === 0;

/** A refused transition: an expected outcome, reported to clients as a userError. */
export class IllegalTransition extends Error {
  readonly code = 'INVALID_ORDER_STATE';
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`An order that is ${from} cannot become ${to}.`);
    this.name = 'IllegalTransition';
  }
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!transitionAllowed(from, to)) throw new IllegalTransition(from, to);
}
