import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import type { AddressInput } from '../gql/graphql';
import { formatMoney } from '../money';

export const CheckoutQuoteQuery = graphql(`
  query CheckoutQuote($input: CheckoutQuoteInput!) {
    checkoutQuote(input: $input) {
      quote {
        subtotal { amount currencyCode }
        shipping { amount currencyCode }
        tax { amount currencyCode }
        total { amount currencyCode }
      }
      userErrors { code message field }
    }
  }
`);

type Money = { amount: string; currencyCode: string };

/** The value after it stopped changing for `ms` (an address is quoted once typing pauses). */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

type Props = {
  cartId: string;
  /** Changes whenever the cart does, so the quote follows it. */
  cartVersion: string;
  /** A valid shipping address, or null while there is none. */
  address: AddressInput | null;
  /** The cart's own subtotal, shown until a quote arrives. */
  cartSubtotal: Money;
  /** Waits this long after the last change before asking (tests pass 0). */
  settleMs?: number;
};

/**
 * Subtotal, shipping, tax and total of the checkout before paying, from the orders
 * service's `checkoutQuote` (the prices the order will have); nothing is computed here.
 */
export function CheckoutQuoteSummary({ cartId, cartVersion, address, cartSubtotal, settleMs = 300 }: Props) {
  const key = address ? JSON.stringify(address) : null;
  const settledKey = useSettled(key, settleMs);
  const settled = settledKey === key ? address : null;
  const { data, dataState, loading, error, refetch } = useQuery(
    CheckoutQuoteQuery,
    settled ? { variables: { input: { cartId, shippingAddress: settled } }, fetchPolicy: 'network-only' } : skipToken,
  );
  // A cart that changed is quoted again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cartVersion is the trigger
  useEffect(() => {
    if (settled) refetch().catch(() => {});
  }, [cartVersion]);

  const result = dataState === 'complete' ? data.checkoutQuote : undefined;
  const quote = settled && !loading ? result?.quote : null;
  let body: React.ReactNode;
  if (!address) {
    body = (
      <>
        <dt>Shipping and tax</dt>
        <dd>Enter your shipping address to see them</dd>
      </>
    );
  } else if (!settled || loading) {
    body = (
      <>
        <dt>Shipping and tax</dt>
        <dd>
          <span role="status">Calculating…</span>
        </dd>
      </>
    );
  } else if (error) {
    body = (
      <>
        <dt>Shipping and tax</dt>
        <dd>
          <span role="alert">Could not be calculated.</span>{' '}
          <button type="button" className="button link" onClick={() => refetch().catch(() => {})}>
            Try again
          </button>
        </dd>
      </>
    );
  } else if (!quote) {
    body = (
      <>
        <dt>Shipping and tax</dt>
        <dd>
          <span role="alert">{result?.userErrors.map((e) => e.message).join(' ') || 'Could not be calculated.'}</span>
        </dd>
      </>
    );
  } else {
    body = (
      <>
        <dt>Shipping</dt>
        <dd data-testid="quote-shipping">{formatMoney(quote.shipping)}</dd>
        <dt>Tax</dt>
        <dd data-testid="quote-tax">{formatMoney(quote.tax)}</dd>
        <dt className="total">Total</dt>
        <dd className="total" data-testid="quote-total">
          {formatMoney(quote.total)}
        </dd>
      </>
    );
  }
  return (
    <dl aria-label="Order total" aria-busy={Boolean(address) && (!settled || loading)}>
      <dt>Subtotal</dt>
      <dd>{formatMoney(quote?.subtotal ?? cartSubtotal)}</dd>
      {body}
    </dl>
  );
}
