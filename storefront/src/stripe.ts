// Stripe in the browser: the publishable key the page was served with, and Stripe.js
// loaded only when the shopper chooses to pay by card through Stripe.
//
// `server.mjs` names the key in `<meta name="storegraph-stripe-publishable-key">` when
// STRIPE_PUBLISHABLE_KEY is set (and only then lets js.stripe.com / api.stripe.com
// through its Content-Security-Policy); the Vite development server reads
// VITE_STRIPE_PUBLISHABLE_KEY instead. No key, no Stripe: nothing is loaded from
// Stripe's host and the checkout does not offer it.
import type { Stripe, StripeError } from '@stripe/stripe-js';

const PUBLISHABLE_KEY = /^pk_(test|live)_[A-Za-z0-9]+$/;

export function stripePublishableKey(): string | null {
  const meta =
    typeof document === 'undefined' ? null : document.querySelector('meta[name="storegraph-stripe-publishable-key"]');
  const key = meta ? meta.getAttribute('content') : (import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY as string | undefined);
  return key && PUBLISHABLE_KEY.test(key) ? key : null;
}

let loading: Promise<Stripe> | null = null;

/**
 * Stripe.js for this key. `@stripe/stripe-js/pure` is imported dynamically (its own
 * chunk, not in the first page's JavaScript) and injects Stripe's script only when
 * `loadStripe` is called; the package's main entry would inject it as soon as it is
 * imported. A failed load may be tried again.
 */
export function loadStripeJs(publishableKey: string): Promise<Stripe> {
  loading ??= import('@stripe/stripe-js/pure')
    .then(({ loadStripe }) => loadStripe(publishableKey))
    .then((stripe) => {
      if (!stripe) throw new Error('Stripe.js is not available in this browser.');
      return stripe;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** What a failed `confirmPayment` means for the order. */
export type ConfirmFailure =
  /** The form is incomplete or invalid: the shopper corrects it and pays again. */
  | { kind: 'invalid'; message: string }
  /** The card was declined: Stripe fails the PaymentIntent, and with it the order. */
  | { kind: 'declined'; message: string }
  /** Anything else (network, Stripe unavailable): the same payment may be tried again. */
  | { kind: 'retry'; message: string };

export function confirmFailure(error: Pick<StripeError, 'type' | 'message'>): ConfirmFailure {
  const message = error.message?.trim() || 'The payment could not be completed.';
  if (error.type === 'validation_error') return { kind: 'invalid', message };
  if (error.type === 'card_error') return { kind: 'declined', message };
  return { kind: 'retry', message: `${message} You have not been charged; you can try again.` };
}

/**
 * After a redirect (3-D Secure), Stripe sends the shopper back to the return URL with
 * `payment_intent`, `payment_intent_client_secret` and `redirect_status` appended.
 * Returns the outcome it reports, or null when the URL is not such a return.
 */
export function stripeReturn(search: URLSearchParams): 'succeeded' | 'failed' | 'pending' | null {
  if (!search.has('payment_intent_client_secret') && !search.has('redirect_status')) return null;
  const status = search.get('redirect_status');
  return status === 'succeeded' ? 'succeeded' : status === 'failed' ? 'failed' : 'pending';
}
