import type { Logger } from '@storegraph/logger';
import type { ChangeResult, PaymentRecord, PrismaOrderStore, StatusChange } from '../data/order.store.js';
import type { OrderRecord } from '../domain/order.records.js';
import { IllegalTransition } from '../domain/order-status.js';
import { decidePaymentEvent, needsOrphanRefund } from '../domain/payment-events.js';
import type { CartPort, PaymentEvent, PaymentProvider, ProviderName, ProviderPayment } from '../domain/ports.js';

export type Providers = ReadonlyMap<ProviderName, PaymentProvider>;

const providerPayment = (payment: PaymentRecord): ProviderPayment => ({
  id: payment.id,
  providerRef: payment.providerRef ?? '',
  status: payment.status,
  amountMinor: payment.amountMinor,
  currencyCode: payment.currencyCode,
  testToken: payment.testToken,
});

/** The same refund is asked for with the same key, however often it is retried. */
const refundKey = (payment: PaymentRecord) => `sg-refund-${payment.id}`;

/**
 * Everything that happens to an order after checkout: provider events, confirmation,
 * cancellation, fulfilment, refunds, expiry and reconciliation. Money moves with the
 * provider first (idempotent by key) and is then recorded with the status change, so
 * a retry after a crash repeats the provider call harmlessly and records it once.
 */
export class OrderLifecycle {
  constructor(
    private readonly deps: {
      store: PrismaOrderStore;
      providers: Providers;
      cart: CartPort;
      logger: Logger;
    },
  ) {}

  /** Applies a provider's event once (by event id), whatever order events arrive in. */
  async applyPaymentEvent(event: PaymentEvent): Promise<'APPLIED' | 'DUPLICATE' | 'UNKNOWN_PAYMENT'> {
    const result = await this.deps.store.changeStatusOfPayment(
      event.paymentId,
      event.provider,
      (order, current) => (current ? decidePaymentEvent(order, current, event) : null),
      { eventId: { provider: event.provider, eventId: event.eventId, type: event.type } },
    );
    if (!result) return 'UNKNOWN_PAYMENT';
    if (result.duplicate) return 'DUPLICATE';
    await this.afterChange(result);
    return 'APPLIED';
  }

  /** PayPal capture after approval; TEST completion of a payment that required action. */
  async confirm(orderId: string): Promise<OrderRecord> {
    const { order, payment } = await this.load(orderId);
    if (order.status !== 'PENDING_PAYMENT') throw new IllegalTransition(order.status, 'PAID');
    if (!payment.providerRef || (payment.status !== 'REQUIRES_ACTION' && payment.provider !== 'PAYPAL')) {
      throw new IllegalTransition(order.status, 'PAID');
    }
    const event = await this.provider(payment).confirm(providerPayment(payment));
    if (event) await this.applyPaymentEvent(event);
    return (await this.load(orderId)).order;
  }

  /**
   * A provider says the buyer approved a payment (PayPal's CHECKOUT.ORDER.APPROVED):
   * confirms it as paymentConfirm would, if it is ours and its order still awaits payment.
   * `CLOSED` when the order no longer takes a payment (paid already, cancelled meanwhile).
   */
  async captureApproved(approval: {
    provider: ProviderName;
    paymentId: string;
    providerRef: string;
  }): Promise<'APPLIED' | 'CLOSED' | 'UNKNOWN_PAYMENT'> {
    const payment = await this.deps.store.payment(approval.paymentId);
    if (!payment || payment.provider !== approval.provider || payment.providerRef !== approval.providerRef) {
      return 'UNKNOWN_PAYMENT';
    }
    try {
      await this.confirm(payment.orderId);
      return 'APPLIED';
    } catch (error) {
      if (error instanceof IllegalTransition) return 'CLOSED';
      throw error;
    }
  }

  async fulfil(orderId: string): Promise<OrderRecord> {
    const result = await this.deps.store.changeStatus(orderId, () => ({
      to: 'FULFILLED',
      cause: 'fulfilled by an admin',
    }));
    return result.order;
  }

  /** Full refund of a paid order through its provider. */
  async refund(orderId: string, cause = 'refunded by an admin'): Promise<OrderRecord> {
    await this.load(orderId);
    // The provider is asked under the order's lock: a fulfilment racing this refund
    // waits, then finds the order REFUNDED; a refund racing a fulfilment finds it FULFILLED
    // and never moves money.
    const result = await this.deps.store.changeStatus(orderId, async (order, payment) => {
      if (order.status !== 'PAID' || !payment) throw new IllegalTransition(order.status, 'REFUNDED');
      return {
        to: 'REFUNDED',
        cause,
        paymentStatus: 'REFUNDED',
        refund: await this.refundWithProvider(payment, cause),
      };
    });
    return result.order;
  }

  /** An unpaid order is cancelled (its payment cancelled); a paid one is refunded, then cancelled. */
  async cancel(orderId: string, cause: string): Promise<OrderRecord> {
    const { order, payment } = await this.load(orderId);
    let change: StatusChange;
    if (order.status === 'PENDING_PAYMENT') {
      if (payment.providerRef) await this.provider(payment).cancel(providerPayment(payment));
      change = { to: 'CANCELLED', cause };
    } else if (order.status === 'PAID') {
      // Refunded under the order's lock, only if it is still PAID (see refund()).
      const result = await this.deps.store.changeStatus(orderId, async (current, currentPayment) => {
        if (current.status !== 'PAID' || !currentPayment) throw new IllegalTransition(current.status, 'CANCELLED');
        const refund = await this.refundWithProvider(currentPayment, cause);
        return { to: 'CANCELLED', cause, paymentStatus: 'REFUNDED', refund };
      });
      await this.afterChange(result);
      return result.order;
    } else {
      throw new IllegalTransition(order.status, 'CANCELLED');
    }
    const result = await this.deps.store.changeStatus(orderId, (current) =>
      // A payment that succeeded meanwhile makes this a paid cancellation: refunded by reconciliation.
      current.status === order.status ? change : { to: 'CANCELLED', cause },
    );
    await this.afterChange(result);
    return result.order;
  }

  /** Cancels unpaid orders whose payment is due, before their stock reservation lapses. */
  async cancelOverdue(now = new Date()): Promise<number> {
    let cancelled = 0;
    for (const id of await this.deps.store.dueOrders(now)) {
      try {
        await this.cancel(id, 'payment not received before the reservation expired');
        cancelled += 1;
      } catch (error) {
        if (!(error instanceof IllegalTransition)) this.deps.logger.error({ err: error, orderId: id }, 'expiry failed');
      }
    }
    return cancelled;
  }

  /**
   * Asks providers about payments whose notification may have been lost (still
   * processing after `olderThan`), and refunds payments that succeeded on orders
   * that were cancelled or failed meanwhile.
   */
  async reconcile(olderThan: Date): Promise<number> {
    let handled = 0;
    for (const payment of await this.deps.store.paymentsToReconcile(olderThan)) {
      try {
        if (payment.status === 'SUCCEEDED') {
          await this.refundOrphan(payment);
        } else {
          const status = await this.provider(payment).retrieve(providerPayment(payment));
          if (status !== payment.status) {
            await this.applyPaymentEvent({
              provider: payment.provider,
              eventId: `reconcile:${payment.id}:${status}`,
              type: 'reconciliation',
              paymentId: payment.id,
              status,
            });
          }
        }
        handled += 1;
      } catch (error) {
        this.deps.logger.error({ err: error, paymentId: payment.id }, 'payment reconciliation failed');
      }
    }
    return handled;
  }

  /** What follows a committed change: the cart's lock goes with a failed or cancelled order; a late payment is refunded. */
  private async afterChange({ order, payment, change }: ChangeResult) {
    const { cartId } = order as OrderRecord & { cartId?: string | null };
    if (change && (order.status === 'PAYMENT_FAILED' || order.status === 'CANCELLED') && cartId) {
      // The cart is kept for another try: its checkout lock goes now rather than at its TTL.
      await this.deps.cart
        .release(cartId, order.id)
        .catch((error) => this.deps.logger.warn({ err: error, orderId: order.id }, 'cart lock not released'));
    }
    if (payment && needsOrphanRefund(order, payment)) await this.refundOrphan(payment);
  }

  private async refundOrphan(payment: PaymentRecord): Promise<void> {
    const cause = 'payment succeeded after the order was closed';
    const refund = await this.refundWithProvider(payment, cause);
    await this.deps.store.changeStatus(payment.orderId, (order, current) =>
      current && needsOrphanRefund(order, current)
        ? { to: order.status, cause, paymentStatus: 'REFUNDED', refund }
        : null,
    );
    this.deps.logger.warn({ orderId: payment.orderId, paymentId: payment.id }, 'late payment refunded');
  }

  private async refundWithProvider(payment: PaymentRecord, reason: string) {
    const { refundRef } = await this.provider(payment).refund(providerPayment(payment), refundKey(payment));
    return { id: crypto.randomUUID(), providerRef: refundRef, amountMinor: payment.amountMinor, reason };
  }

  private provider(payment: PaymentRecord): PaymentProvider {
    const provider = this.deps.providers.get(payment.provider);
    if (!provider) throw new Error(`payment provider ${payment.provider} is not enabled`);
    return provider;
  }

  private async load(orderId: string) {
    const order = await this.deps.store.order(orderId);
    const payment = order ? (await this.deps.store.paymentsOfOrders([orderId]))[0] : undefined;
    if (!order || !payment) throw new Error(`order ${orderId} has no payment`);
    return { order, payment };
  }
}
