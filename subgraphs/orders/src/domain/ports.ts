/** What the checkout needs of other services and of payment providers; `data/` and `payments/` implement them. */

export interface CartSnapshot {
  cartId: string;
  currencyCode: string;
  lines: Array<{ lineId: string; variantId: string; quantity: number }>;
  lockedUntil: string;
}

export type CartLockResult =
  | { status: 'LOCKED'; snapshot: CartSnapshot }
  | { status: 'CART_NOT_FOUND' | 'CART_LOCKED' | 'CART_EMPTY' };

/** The cart service: holds a cart still while it is checked out (idempotent per checkout id). */
export interface CartPort {
  lock(
    cartId: string,
    request: { checkoutId: string; customerId: string | null; ttlSeconds: number },
  ): Promise<CartLockResult>;
  release(cartId: string, checkoutId: string): Promise<void>;
  /** The cart's lines without locking it (price previews); the same owner rule as `lock`. */
  contents(cartId: string, customerId: string | null): Promise<CartContentsResult>;
}

export type CartContentsResult =
  | { status: 'FOUND'; contents: Omit<CartSnapshot, 'lockedUntil'> }
  | { status: 'CART_NOT_FOUND' | 'CART_EMPTY' };

export interface ReservedLine {
  variantId: string;
  productId: string;
  sku: string;
  productTitle: string;
  variantTitle: string;
  quantity: number;
  unitPriceMinor: number;
  currencyCode: string;
}

export interface Shortage {
  variantId: string;
  requested: number;
  available: number;
  reason: 'INSUFFICIENT_STOCK' | 'VARIANT_NOT_FOUND';
}

export type ReserveOutcome =
  | { status: 'RESERVED'; expiresAt: Date; lines: ReservedLine[] }
  | { status: 'OUT_OF_STOCK' | 'VARIANT_NOT_FOUND'; shortages: Shortage[] }
  /** This order id's reservation was released already (it is never reused). */
  | { status: 'RESERVATION_RELEASED' };

/** The catalog's inventory: all-or-nothing reservations, idempotent by order id. */
export interface InventoryPort {
  reserve(
    orderId: string,
    lines: Array<{ variantId: string; quantity: number }>,
    ttlSeconds: number,
  ): Promise<ReserveOutcome>;
  /** Succeeds for an order that holds nothing (a compensation must not fail). */
  release(orderId: string): Promise<void>;
  /** Prices lines as `reserve` would (same sale data, same refusals), holding nothing. */
  quote(lines: Array<{ variantId: string; quantity: number }>): Promise<QuoteOutcome>;
}

export type QuoteOutcome =
  | { status: 'PRICED'; lines: ReservedLine[] }
  | { status: 'OUT_OF_STOCK' | 'VARIANT_NOT_FOUND'; shortages: Shortage[] };

/** The signed-in customer's account email, read with their own token. */
export interface CustomerDirectory {
  emailOf(request: { customerId: string; authorization: string; requestId: string }): Promise<string | null>;
}

export type ProviderName = 'STRIPE' | 'PAYPAL' | 'TEST';
export type PaymentState = 'REQUIRES_ACTION' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';

export interface CreatePaymentRequest {
  paymentId: string;
  orderId: string;
  orderNumber: string;
  amountMinor: number;
  currencyCode: string;
  /** Passed to the provider so a retried creation never makes a second payment. */
  idempotencyKey: string;
  testToken: string | null;
}

export interface CreatedPayment {
  ref: string;
  status: PaymentState;
  clientSecret?: string | null;
  approvalUrl?: string | null;
}

/** A provider's news about a payment (verified webhook, capture result, TEST notification). */
export interface PaymentEvent {
  provider: ProviderName;
  /** The provider's event id: an event is applied once. */
  eventId: string;
  type: string;
  /** Our payment id, carried by the provider as metadata. */
  paymentId: string;
  status: PaymentState;
}

export interface ProviderPayment {
  id: string;
  providerRef: string;
  status: PaymentState;
  amountMinor: number;
  currencyCode: string;
  testToken: string | null;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  create(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /**
   * paymentConfirm: PayPal captures the approved order, TEST completes a payment that
   * required action. Answers the event to apply now, or null when the outcome arrives
   * later through the provider's asynchronous path.
   */
  confirm(payment: ProviderPayment): Promise<PaymentEvent | null>;
  /** Full refund, idempotent by key; answers the provider's refund id. */
  refund(payment: ProviderPayment, idempotencyKey: string): Promise<{ refundRef: string }>;
  /** Cancels an unpaid payment, so it can no longer succeed (best effort where the provider cannot). */
  cancel(payment: ProviderPayment): Promise<void>;
  /** The provider's current state of a payment, for reconciling lost notifications. */
  retrieve(payment: ProviderPayment): Promise<PaymentState>;
}

/** A provider refused or failed a request; the message is safe to log, never shown to clients. */
export class PaymentProviderError extends Error {
  constructor(
    readonly provider: ProviderName,
    message: string,
    /** True when retrying later may succeed (network, 5xx, rate limit). */
    readonly retryable: boolean,
  ) {
    super(`${provider}: ${message}`);
    this.name = 'PaymentProviderError';
  }
}
