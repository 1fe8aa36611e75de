// Which payment providers the checkout offers. The offline TEST provider (the API
// refuses it in production) is offered by the development server (`vite`) and, for a
// built shop, only when `server.mjs` names it in the page's
// `<meta name="storegraph-payment-providers">`, which it does from `PAYMENT_PROVIDERS`
// and never with `NODE_ENV=production`. Stripe ("Card (Stripe)", the Payment Element)
// is offered when the page names a publishable key (see src/stripe.ts). PayPal needs
// its approval redirect, which this shop does not have yet, so it is not offered even
// when named.
import { stripePublishableKey } from './stripe';

export type OfferedProvider = 'TEST' | 'STRIPE';

export function parseProviders(value: string | null | undefined): OfferedProvider[] {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  return names.includes('TEST') ? ['TEST'] : [];
}

export function offeredProviders(): OfferedProvider[] {
  const meta =
    typeof document === 'undefined' ? null : document.querySelector('meta[name="storegraph-payment-providers"]');
  const test: OfferedProvider[] = meta
    ? parseProviders(meta.getAttribute('content'))
    : import.meta.env.DEV
      ? ['TEST']
      : [];
  return stripePublishableKey() ? [...test, 'STRIPE'] : test;
}

/** The TEST provider's cards: the token each stands for. */
export const TEST_CARDS = [
  { token: 'tok_visa', label: 'Test card: payment succeeds' },
  { token: 'tok_chargeDeclined', label: 'Test card: card declined' },
  { token: 'tok_requiresAction', label: 'Test card: needs confirmation' },
] as const;
