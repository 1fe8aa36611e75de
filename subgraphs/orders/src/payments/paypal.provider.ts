import {
  ApiError,
  CheckoutPaymentIntent,
  Client,
  Environment,
  type Order,
  OrderApplicationContextShippingPreference,
  OrderApplicationContextUserAction,
  OrdersController,
  PaymentsController,
} from '@paypal/paypal-server-sdk';
import { formatMinor } from '@storegraph/graphql-kit';
import {
  type CreatedPayment,
  type CreatePaymentRequest,
  type PaymentEvent,
  type PaymentProvider,
  PaymentProviderError,
  type PaymentState,
  type ProviderPayment,
} from '../domain/ports.js';
import { adapterFor } from './paypal-transport.js';

export interface PayPalOptions {
  clientId: string;
  clientSecret: string;
  environment: 'sandbox' | 'production';
  returnUrl: string;
  cancelUrl: string;
  /** Only to point the SDK at a local fake of PayPal's API in tests. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

export const PAYPAL_API = { sandbox: 'https://api-m.sandbox.paypal.com', production: 'https://api-m.paypal.com' };

/** A PayPal order's status as our payment status. */
export function paypalStatus(status: string | undefined): PaymentState {
  if (status === 'COMPLETED') return 'SUCCEEDED';
  if (status === 'VOIDED') return 'FAILED';
  return 'REQUIRES_ACTION';
}

function providerError(error: unknown, what: string): PaymentProviderError {
  const status = error instanceof ApiError ? error.statusCode : 0;
  return new PaymentProviderError(
    'PAYPAL',
    `${what} failed (${status || 'network'})`,
    status === 0 || status >= 500 || status === 429,
  );
}

const issueOf = (error: unknown): string | undefined => {
  if (!(error instanceof ApiError)) return undefined;
  const body = typeof error.body === 'string' ? error.body : '';
  try {
    return (JSON.parse(body) as { details?: Array<{ issue?: string }> }).details?.[0]?.issue;
  } catch {
    return undefined;
  }
};

/**
 * PayPal Orders v2: an order created with intent CAPTURE (the buyer approves it at
 * the approval link), captured by paymentConfirm, refunded by capture. Every write
 * carries `PayPal-Request-Id`, so a retry never creates, captures or refunds twice.
 */
export class PayPalPaymentProvider implements PaymentProvider {
  readonly name = 'PAYPAL' as const;
  readonly client: Client;
  readonly apiBaseUrl: string;
  private readonly orders: OrdersController;
  private readonly payments: PaymentsController;

  constructor(private readonly options: PayPalOptions) {
    this.apiBaseUrl = options.apiBaseUrl ?? PAYPAL_API[options.environment];
    this.client = new Client({
      clientCredentialsAuthCredentials: { oAuthClientId: options.clientId, oAuthClientSecret: options.clientSecret },
      environment: options.environment === 'production' ? Environment.Production : Environment.Sandbox,
      timeout: options.timeoutMs ?? 10_000,
      ...(options.apiBaseUrl ? { unstable_httpClientOptions: { adapter: adapterFor(options.apiBaseUrl) } } : {}),
    });
    this.orders = new OrdersController(this.client);
    this.payments = new PaymentsController(this.client);
  }

  async create(request: CreatePaymentRequest): Promise<CreatedPayment> {
    try {
      const { result } = await this.orders.createOrder({
        paypalRequestId: request.idempotencyKey,
        prefer: 'return=representation',
        body: {
          intent: CheckoutPaymentIntent.Capture,
          purchaseUnits: [
            {
              referenceId: request.paymentId,
              customId: request.paymentId,
              invoiceId: request.orderNumber,
              amount: {
                currencyCode: request.currencyCode,
                value: formatMinor(request.amountMinor, request.currencyCode),
              },
            },
          ],
          applicationContext: {
            returnUrl: withOrder(this.options.returnUrl, request.orderId),
            cancelUrl: withOrder(this.options.cancelUrl, request.orderId),
            // The buyer pays at PayPal and is captured on return: "Pay Now", not "Continue".
            userAction: OrderApplicationContextUserAction.PayNow,
            // The shop took the shipping address; PayPal must not offer another one it would ignore.
            shippingPreference: OrderApplicationContextShippingPreference.NoShipping,
          },
        },
      });
      const approve = result.links?.find((l) => l.rel === 'approve' || l.rel === 'payer-action');
      return { ref: result.id as string, status: paypalStatus(result.status), approvalUrl: approve?.href ?? null };
    } catch (error) {
      throw providerError(error, 'create order');
    }
  }

  /** Captures the order the buyer approved. */
  async confirm(payment: ProviderPayment): Promise<PaymentEvent | null> {
    const event = (status: PaymentState, type: string): PaymentEvent => ({
      provider: 'PAYPAL',
      eventId: `capture:${payment.providerRef}`,
      type,
      paymentId: payment.id,
      status,
    });
    try {
      const { result } = await this.orders.captureOrder({
        id: payment.providerRef,
        paypalRequestId: `sg-capture-${payment.id}`,
        prefer: 'return=representation',
      });
      return event(paypalStatus(result.status), 'order.captured');
    } catch (error) {
      const issue = issueOf(error);
      if (issue === 'ORDER_NOT_APPROVED') return null;
      // Captured by an earlier attempt whose answer was lost: PayPal never captures twice.
      if (issue === 'ORDER_ALREADY_CAPTURED') return event(await this.retrieve(payment), 'order.captured');
      if (issue === 'INSTRUMENT_DECLINED') return event('FAILED', 'order.capture_declined');
      throw providerError(error, 'capture');
    }
  }

  async refund(payment: ProviderPayment, idempotencyKey: string): Promise<{ refundRef: string }> {
    try {
      const captureId = captureOf((await this.orders.getOrder({ id: payment.providerRef })).result);
      if (!captureId) throw new PaymentProviderError('PAYPAL', 'the order has no capture to refund', false);
      const { result } = await this.payments.refundCapturedPayment({
        captureId,
        paypalRequestId: idempotencyKey,
        prefer: 'return=representation',
        body: {},
      });
      return { refundRef: result.id as string };
    } catch (error) {
      if (error instanceof PaymentProviderError) throw error;
      throw providerError(error, 'refund');
    }
  }

  /** An uncaptured PayPal order cannot be cancelled through the API; it lapses unless captured. */
  async cancel(): Promise<void> {}

  async retrieve(payment: ProviderPayment): Promise<PaymentState> {
    try {
      return paypalStatus((await this.orders.getOrder({ id: payment.providerRef })).result.status);
    } catch (error) {
      throw providerError(error, 'get order');
    }
  }

  /** An access token for the calls the SDK does not cover (webhook verification). */
  async accessToken(): Promise<string> {
    return (await this.client.clientCredentialsAuthManager.fetchToken()).accessToken;
  }
}

/**
 * The shop's return (or cancel) address for one order: PayPal sends the buyer back to
 * it with its own `token` and `PayerID` added, and the shop's page needs our order id.
 */
export function withOrder(url: string, orderId: string): string {
  const address = new URL(url);
  address.searchParams.set('order', orderId);
  return address.href;
}

const captureOf = (order: Order): string | undefined => order.purchaseUnits?.[0]?.payments?.captures?.[0]?.id;
