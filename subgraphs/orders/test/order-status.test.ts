import { describe, expect, it } from 'vitest';
import type { OrderRecord, OrderStatus } from '../src/domain/order.records.js';
import { assertTransition, IllegalTransition, isFinal, transitionAllowed } from '../src/domain/order-status.js';
import { decidePaymentEvent, needsOrphanRefund } from '../src/domain/payment-events.js';
import type { PaymentState } from '../src/domain/ports.js';

const ALL: OrderStatus[] = ['PENDING_PAYMENT', 'PAID', 'FULFILLED', 'CANCELLED', 'PAYMENT_FAILED', 'REFUNDED'];
const ALLOWED = new Set([
  'PENDING_PAYMENT>PAID',
  'PENDING_PAYMENT>PAYMENT_FAILED',
  'PENDING_PAYMENT>CANCELLED',
  'PAID>FULFILLED',
  'PAID>REFUNDED',
  'PAID>CANCELLED',
]);

describe('order state machine', () => {
  it('allows exactly the lifecycle transitions and refuses every other pair', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        const allowed = ALLOWED.has(`${from}>${to}`);
        expect(transitionAllowed(from, to), `${from} -> ${to}`).toBe(allowed);
        if (!allowed) expect(() => assertTransition(from, to)).toThrow(IllegalTransition);
      }
    }
    expect(ALL.filter(isFinal)).toEqual(['FULFILLED', 'CANCELLED', 'PAYMENT_FAILED', 'REFUNDED']);
  });
});

describe('payment events in any order', () => {
  const order = (status: OrderStatus) => ({ status }) as OrderRecord;
  const payment = (status: PaymentState) => ({ status }) as Parameters<typeof decidePaymentEvent>[1];
  const event = (status: PaymentState) => ({ status, type: 'test' });

  it('pays a pending order on success and fails it on failure', () => {
    expect(decidePaymentEvent(order('PENDING_PAYMENT'), payment('PROCESSING'), event('SUCCEEDED'))).toMatchObject({
      to: 'PAID',
      paymentStatus: 'SUCCEEDED',
    });
    expect(decidePaymentEvent(order('PENDING_PAYMENT'), payment('REQUIRES_ACTION'), event('FAILED'))).toMatchObject({
      to: 'PAYMENT_FAILED',
      paymentStatus: 'FAILED',
    });
  });

  it('ignores events that arrive after a later state (never moves a payment back)', () => {
    expect(decidePaymentEvent(order('PAID'), payment('SUCCEEDED'), event('PROCESSING'))).toBeNull();
    expect(decidePaymentEvent(order('PAID'), payment('SUCCEEDED'), event('FAILED'))).toBeNull();
    expect(decidePaymentEvent(order('REFUNDED'), payment('REFUNDED'), event('SUCCEEDED'))).toBeNull();
    expect(decidePaymentEvent(order('PAID'), payment('SUCCEEDED'), event('SUCCEEDED'))).toBeNull();
  });

  it('records a success on an order that was closed meanwhile, which is then refunded', () => {
    const change = decidePaymentEvent(order('CANCELLED'), payment('PROCESSING'), event('SUCCEEDED'));
    expect(change).toMatchObject({ to: 'CANCELLED', paymentStatus: 'SUCCEEDED' });
    expect(needsOrphanRefund(order('CANCELLED'), payment('SUCCEEDED'))).toBe(true);
    expect(needsOrphanRefund(order('PAYMENT_FAILED'), payment('SUCCEEDED'))).toBe(true);
    expect(needsOrphanRefund(order('PAID'), payment('SUCCEEDED'))).toBe(false);
    // A success after a failed attempt still counts: money moved.
    expect(decidePaymentEvent(order('PAYMENT_FAILED'), payment('FAILED'), event('SUCCEEDED'))).toMatchObject({
      to: 'PAYMENT_FAILED',
      paymentStatus: 'SUCCEEDED',
    });
  });
});
