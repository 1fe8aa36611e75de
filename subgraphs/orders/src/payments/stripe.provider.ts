import Stripe from 'stripe';
import {
  type CreatedPayment,
  type CreatePaymentRequest,
  type PaymentEvent,
  type PaymentProvider,
  PaymentProviderError,
  type PaymentState,
  type ProviderPayment,
} from '../domain/ports.js';

export interface StripeOptions {
  secretKey: string;
  /** Only to point the SDK at a local fake of Stripe's API in tests; Stripe's own host otherwise. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
  timeoutMs?: number;
}

/** A PaymentIntent's status as our payment status. */
export function stripeStatus(status: string): PaymentState {
  switch (status) {
    case 'succeeded':
      return 'SUCCEEDED';
    case 'processing':
      return 'PROCESSING';
    case 'canceled':
      return 'FAILED';
    default:
      // requires_payment_method, requires_confirmation, requires_action, requires_capture: the buyer acts (Stripe.js).
      return 'REQUIRES_ACTION';
  }
}

const RETRYABLE = new Set([
  'StripeConnectionError',
  'StripeAPIError',
  'StripeRateLimitError',
  'StripeLockTimeoutError',
]);

function providerError(error: unknown): PaymentProviderError {
  const e = error as { type?: string; statusCode?: number; code?: string };
  const retryable = RETRYABLE.has(e.type ?? '') || (e.statusCode ?? 0) >= 500;
  return new PaymentProviderError('STRIPE', `${e.type ?? 'error'} ${e.code ?? ''}`.trim(), retryable);
}

/**
 * Stripe PaymentIntents. Every write carries an idempotency key (the payment's or the
 * refund's), so a retry after a crash or a timeout never charges or refunds twice. The
 * PaymentIntent carries our payment id as metadata, which is how webhooks find it.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'STRIPE' as const;
  readonly stripe: Stripe;

  constructor(options: StripeOptions) {
    this.stripe = new Stripe(options.secretKey, {
      ...(options.api ?? {}),
      timeout: options.timeoutMs ?? 10_000,
      // Retries are ours (saga recovery, reconciliation), each with the same idempotency key.
      maxNetworkRetries: 0,
      telemetry: false,
    });
  }

  async create(request: CreatePaymentRequest): Promise<CreatedPayment> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountMinor,
          currency: request.currencyCode.toLowerCase(),
          automatic_payment_methods: { enabled: true },
          description: `Storegraph order ${request.orderNumber}`,
          metadata: { paymentId: request.paymentId, orderId: request.orderId, orderNumber: request.orderNumber },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return { ref: intent.id, status: stripeStatus(intent.status), clientSecret: intent.client_secret };
    } catch (error) {
      throw providerError(error);
    }
  }

  /** Confirmation happens in the browser (Stripe.js); here it reads the PaymentIntent's state. */
  async confirm(payment: ProviderPayment): Promise<PaymentEvent | null> {
    const status = await this.retrieve(payment);
    return {
      provider: 'STRIPE',
      eventId: `retrieve:${payment.providerRef}:${status}`,
      type: 'payment_intent.retrieved',
      paymentId: payment.id,
      status,
    };
  }

  async refund(payment: ProviderPayment, idempotencyKey: string): Promise<{ refundRef: string }> {
    try {
      const refund = await this.stripe.refunds.create({ payment_intent: payment.providerRef }, { idempotencyKey });
      return { refundRef: refund.id };
    } catch (error) {
      throw providerError(error);
    }
  }

  async cancel(payment: ProviderPayment): Promise<void> {
    try {
      await this.stripe.paymentIntents.cancel(payment.providerRef);
    } catch (error) {
      // A PaymentIntent that cannot be cancelled any more (it succeeded) is refunded by reconciliation.
      if ((error as { type?: string }).type === 'StripeInvalidRequestError') return;
      throw providerError(error);
    }
  }

  async retrieve(payment: ProviderPayment): Promise<PaymentState> {
    try {
      return stripeStatus((await this.stripe.paymentIntents.retrieve(payment.providerRef)).status);
    } catch (error) {
      throw providerError(error);
    }
  }
}
