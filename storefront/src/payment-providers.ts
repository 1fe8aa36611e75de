// Which payment providers the checkout offers. The offline TEST provider (the API
// refuses it in production) is offered by the development server (`vite`) and, for a
// built shop, only when `server.mjs` names it in the page's
// `<meta name="storegraph-payment-providers">`, which it does from `PAYMENT_PROVIDERS`
// and never with `NODE_ENV=production`. Stripe ("Card (Stripe)", the Payment Element)
// is offered when the page names a publishable key (see src/stripe.ts). PayPal is
// offered when named: the buyer approves at PayPal and comes back to
// /checkout/paypal/return (src/pages/paypal-return.tsx), where the order is captured.
import { stripePublishableKey } from './stripe';

export type OfferedProvider = 'TEST' | 'STRIPE' | 'PAYPAL';

/** The providers the page's meta names that the shop can take payments with itself (not Stripe: see above). */
export function parseProviders(value: string | null | undefined): OfferedProvider[] {
  const names = new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
  );
  return (['TEST', 'PAYPAL'] as const).filter((name) => names.has(name));
}

export function offeredProviders(): OfferedProvider[] {
  const meta =
    typeof document === 'undefined' ? null : document.querySelector('meta[name="storegraph-payment-providers"]');
  const named: OfferedProvider[] = meta
    ? parseProviders(meta.getAttribute('content'))
    : import.meta.env.DEV
      ? ['TEST']
      : [];
  if (!stripePublishableKey()) return named;
  // Stripe before PayPal: the card form is on the page, PayPal leaves the shop.
  return [...named.filter((p) => p === 'TEST'), 'STRIPE', ...named.filter((p) => p === 'PAYPAL')];
}

/**
 * Where the checkout may send the buyer to approve a PayPal payment: PayPal's own
 * pages over HTTPS, nothing else (the address comes from the API; a wrong one must not
 * take the buyer, mid-payment, to a look-alike site).
 */
export function isPayPalApprovalUrl(value: string | null | undefined): value is string {
  try {
    const url = new URL(value ?? '');
    const host = url.hostname.toLowerCase();
    return url.protocol === 'https:' && !url.username && (host === 'paypal.com' || host.endsWith('.paypal.com'));
  } catch {
    return false;
  }
}

/** The TEST provider's cards: the token each stands for. */
export const TEST_CARDS = [
  { token: 'tok_visa', label: 'Test card: payment succeeds' },
  { token: 'tok_chargeDeclined', label: 'Test card: card declined' },
  { token: 'tok_requiresAction', label: 'Test card: needs confirmation' },
] as const;
