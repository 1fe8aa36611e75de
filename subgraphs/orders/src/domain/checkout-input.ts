import { createHash } from 'node:crypto';
import { type AddressRequest, checkAddress } from '@storegraph/graphql-kit';
import type { AddressSnapshot } from './order.records.js';
import type { ProviderName } from './ports.js';

export interface CheckoutFieldError {
  field: string[];
  message: string;
  code: string;
}

/** A checkout request after validation, as the saga stores it. */
export interface CheckoutRequest {
  cartId: string;
  /** null for a signed-in customer: their account email is used. */
  guestEmail: string | null;
  shippingAddress: AddressSnapshot;
  paymentProvider: ProviderName;
  idempotencyKey: string;
  testPaymentToken: string | null;
}

export interface RawCheckoutInput {
  cartId: string;
  email?: string | null;
  shippingAddress: Omit<AddressRequest, 'isDefault'>;
  paymentProvider: ProviderName;
  idempotencyKey: string;
  testPaymentToken?: string | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,63}$/;
const KEY = /^[A-Za-z0-9._:-]{8,100}$/;
const CART_ID = /^[A-Za-z0-9_-]{1,100}$/;
export const TEST_TOKENS = ['tok_visa', 'tok_chargeDeclined', 'tok_requiresAction'] as const;

const text = (value: string | null | undefined) => (value ?? '').trim();
const optional = (value: string | null | undefined) => text(value) || null;

/** The cart id and the shipping address, checked alike by `checkout` and `checkoutQuote`. */
function checkCartAndAddress(
  input: Pick<RawCheckoutInput, 'cartId' | 'shippingAddress'>,
  errors: CheckoutFieldError[],
): AddressSnapshot | null {
  if (!CART_ID.test(input.cartId)) {
    errors.push({ field: ['input', 'cartId'], message: 'cartId is not a cart id.', code: 'INVALID_INPUT' });
  }
  // The same address rules as the address book (users), reported under input.shippingAddress.
  const checked = checkAddress(input.shippingAddress, ['input', 'shippingAddress']);
  for (const e of checked.errors)
    errors.push({ field: e.field ?? ['input', 'shippingAddress'], message: e.message, code: e.code });
  return (
    checked.draft && {
      ...checked.draft,
      // Tax rates are keyed by upper-case region codes.
      region: checked.draft.region?.toUpperCase() ?? null,
    }
  );
}

/** A checkout quote's request (`checkoutQuote`): the cart and where it would ship. */
export interface QuoteRequest {
  cartId: string;
  shippingAddress: AddressSnapshot;
}

export function validateQuote(
  input: Pick<RawCheckoutInput, 'cartId' | 'shippingAddress'>,
): { ok: true; request: QuoteRequest } | { ok: false; errors: CheckoutFieldError[] } {
  const errors: CheckoutFieldError[] = [];
  const address = checkCartAndAddress(input, errors);
  if (errors.length > 0 || !address) return { ok: false, errors };
  return { ok: true, request: { cartId: input.cartId, shippingAddress: address } };
}

export function validateCheckout(
  input: RawCheckoutInput,
  signedIn: boolean,
): { ok: true; request: CheckoutRequest } | { ok: false; errors: CheckoutFieldError[] } {
  const errors: CheckoutFieldError[] = [];
  const fail = (field: string[], message: string, code = 'INVALID_INPUT') =>
    errors.push({ field: ['input', ...field], message, code });
  const address = checkCartAndAddress(input, errors);
  if (!KEY.test(input.idempotencyKey)) {
    fail(['idempotencyKey'], 'idempotencyKey must be 8 to 100 of A-Z a-z 0-9 . _ : -');
  }
  const email = text(input.email).toLowerCase();
  if (!signedIn && !EMAIL.test(email)) fail(['email'], 'A valid email is required for a guest checkout.');
  const token = optional(input.testPaymentToken);
  if (input.paymentProvider === 'TEST') {
    if (!token || !(TEST_TOKENS as readonly string[]).includes(token)) {
      fail(['testPaymentToken'], `The TEST provider needs one of ${TEST_TOKENS.join(', ')}.`);
    }
  } else if (token) {
    fail(['testPaymentToken'], 'testPaymentToken is for the TEST provider only.');
  }
  if (errors.length > 0 || !address) return { ok: false, errors };
  return {
    ok: true,
    request: {
      cartId: input.cartId,
      guestEmail: signedIn ? null : email,
      shippingAddress: address,
      paymentProvider: input.paymentProvider,
      idempotencyKey: input.idempotencyKey,
      testPaymentToken: token,
    },
  };
}

/** Idempotency records belong to a customer, or to a guest's email. */
export const ownerKeyOf = (customerId: string | null, request: CheckoutRequest): string =>
  customerId ? `customer:${customerId}` : `guest:${request.guestEmail}`;

/** A stable hash of everything that defines the request, so a key reused for another request is told apart. */
export function requestHash(request: CheckoutRequest): string {
  const canonical = JSON.stringify([
    request.cartId,
    request.guestEmail,
    request.shippingAddress.name,
    request.shippingAddress.line1,
    request.shippingAddress.line2,
    request.shippingAddress.city,
    request.shippingAddress.region,
    request.shippingAddress.postalCode,
    request.shippingAddress.country,
    request.shippingAddress.phone,
    request.paymentProvider,
    request.testPaymentToken,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
