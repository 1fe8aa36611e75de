import type {
  CreatedPayment,
  CreatePaymentRequest,
  PaymentEvent,
  PaymentProvider,
  PaymentState,
  ProviderPayment,
} from '../domain/ports.js';
import { PaymentProviderError } from '../domain/ports.js';

export type PaymentEventSink = (event: PaymentEvent) => Promise<void>;

/**
 * The offline provider for development and tests. Outcomes follow the token:
 * tok_visa succeeds, tok_chargeDeclined fails, tok_requiresAction waits for
 * paymentConfirm and then succeeds. Outcomes are delivered like a real provider's
 * webhooks: later, asynchronously, through the same event handler (`sink`). A
 * notification lost to a crash is recovered by reconciliation (`retrieve`).
 * Refused in production.
 */
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'TEST' as const;
  private sink: PaymentEventSink | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly options: {
      nodeEnv: string;
      /** Delay before an outcome is delivered. */
      delayMs: number;
      onDeliveryError: (error: unknown, event: PaymentEvent) => void;
    },
  ) {
    if (options.nodeEnv === 'production') {
      throw new Error('The TEST payment provider is never enabled in production.');
    }
  }

  /** Where outcomes are delivered (the payment event handler). */
  deliverTo(sink: PaymentEventSink): void {
    this.sink = sink;
  }

  async create(request: CreatePaymentRequest): Promise<CreatedPayment> {
    const ref = `test_pay_${request.paymentId}`;
    switch (request.testToken) {
      case 'tok_visa':
        this.later({ paymentId: request.paymentId, eventId: `${ref}.succeeded`, status: 'SUCCEEDED' });
        return { ref, status: 'PROCESSING' };
      case 'tok_chargeDeclined':
        this.later({ paymentId: request.paymentId, eventId: `${ref}.failed`, status: 'FAILED' });
        return { ref, status: 'PROCESSING' };
      case 'tok_requiresAction':
        return { ref, status: 'REQUIRES_ACTION' };
      default:
        throw new PaymentProviderError('TEST', 'unknown test token', false);
    }
  }

  async confirm(payment: ProviderPayment): Promise<PaymentEvent | null> {
    if (payment.testToken !== 'tok_requiresAction' || payment.status !== 'REQUIRES_ACTION') return null;
    const ref = payment.providerRef;
    this.later({ paymentId: payment.id, eventId: `${ref}.succeeded`, status: 'SUCCEEDED' });
    return {
      provider: 'TEST',
      eventId: `${ref}.confirmed`,
      type: 'test.confirmed',
      paymentId: payment.id,
      status: 'PROCESSING',
    };
  }

  async refund(payment: ProviderPayment): Promise<{ refundRef: string }> {
    return { refundRef: `test_re_${payment.id}` };
  }

  async cancel(): Promise<void> {}

  async retrieve(payment: ProviderPayment): Promise<PaymentState> {
    if (payment.testToken === 'tok_visa') return 'SUCCEEDED';
    if (payment.testToken === 'tok_chargeDeclined') return 'FAILED';
    // A confirmed tok_requiresAction payment is PROCESSING on its way to success.
    return payment.status === 'PROCESSING' ? 'SUCCEEDED' : payment.status;
  }

  /** Stops pending deliveries (at shutdown); reconciliation delivers them after a restart. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(outcome: { paymentId: string; eventId: string; status: PaymentState }): void {
    const event: PaymentEvent = {
      provider: 'TEST',
      type: `test.${outcome.status.toLowerCase()}`,
      ...outcome,
    };
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.sink) return;
      this.sink(event).catch((error) => this.options.onDeliveryError(error, event));
    }, this.options.delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}
