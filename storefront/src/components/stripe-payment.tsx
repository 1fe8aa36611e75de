import { useMutation, useQuery } from '@apollo/client/react';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { OrderCancel } from '../order-commands';
import { confirmFailure, loadStripeJs } from '../stripe';
import { ErrorState, Loading } from './status';

export const StripePaymentQuery = graphql(`
  query StripePayment($id: ID!, $orderToken: String) {
    order(id: $id, orderToken: $orderToken) {
      id number status
      total { amount currencyCode }
      payment { id provider status clientSecret }
    }
  }
`);

export interface StripePaymentProps {
  publishableKey: string;
  orderId: string;
  orderToken: string | null;
  /** The payment went through (or is processing): the confirmation page follows the order. */
  onPaid(): void;
  /** The card was declined; Stripe fails the PaymentIntent and the orders service the order. */
  onDeclined(message: string): void;
  /** The shopper cancelled the order before paying (the cart is theirs again). */
  onCancelled(): void;
}

type Phase = 'loading' | 'ready' | 'paying' | 'failed';

/**
 * The Stripe Payment Element for an order placed with `paymentProvider: STRIPE`: its
 * PaymentIntent's client secret mounts the element, "Pay" confirms the payment with
 * Stripe from the browser. The order becomes PAID when Stripe's webhook reaches the
 * orders service; a redirect (3-D Secure) returns to the confirmation page.
 */
export function StripePayment({
  publishableKey,
  orderId,
  orderToken,
  onPaid,
  onDeclined,
  onCancelled,
}: StripePaymentProps) {
  const id = useId();
  const { data, error, loading, refetch } = useQuery(StripePaymentQuery, {
    variables: { id: orderId, orderToken },
    fetchPolicy: 'network-only',
  });
  const [cancelOrder, cancelling] = useMutation(OrderCancel);
  const clientSecret = data?.order?.payment?.clientSecret ?? null;
  const mountRef = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` loads the form again ("Try again").
  useEffect(() => {
    if (!clientSecret || !mountRef.current) return;
    const target = mountRef.current;
    let live = true;
    let destroy: (() => void) | undefined;
    setPhase('loading');
    setMessage(null);
    loadStripeJs(publishableKey)
      .then((stripe) => {
        if (!live) return;
        const elements = stripe.elements({ clientSecret });
        const element = elements.create('payment', { layout: 'tabs' });
        element.on('ready', () => live && setPhase('ready'));
        // A message about the card is out of date once the shopper changes it.
        element.on('change', () => live && setMessage(null));
        element.on('loaderror', (event) => {
          if (!live) return;
          setMessage(event.error.message ?? 'The card form could not be loaded.');
          setPhase('failed');
        });
        element.mount(target);
        stripeRef.current = { stripe, elements };
        destroy = () => element.destroy();
      })
      .catch(() => {
        if (!live) return;
        setMessage('Card payments could not be loaded. Check your connection and try again.');
        setPhase('failed');
      });
    return () => {
      live = false;
      stripeRef.current = null;
      destroy?.();
    };
  }, [clientSecret, publishableKey, attempt]);

  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);
  // The payment step takes the focus (and so scrolls into view) when it appears.
  useEffect(() => {
    if (clientSecret) titleRef.current?.focus();
  }, [clientSecret]);

  const pay = async (event: FormEvent) => {
    event.preventDefault();
    const loaded = stripeRef.current;
    if (!loaded || phase !== 'ready') return;
    setPhase('paying');
    setMessage(null);
    try {
      const returnUrl = new URL(`/order/${encodeURIComponent(orderId)}`, window.location.origin).href;
      const result = await loaded.stripe.confirmPayment({
        elements: loaded.elements,
        redirect: 'if_required',
        confirmParams: { return_url: returnUrl },
      });
      if (result.error) {
        const failure = confirmFailure(result.error);
        if (failure.kind === 'declined') {
          onDeclined(failure.message);
          return;
        }
        setMessage(failure.message);
        setPhase('ready');
        return;
      }
      if (['succeeded', 'processing', 'requires_capture'].includes(result.paymentIntent.status)) {
        onPaid();
        return;
      }
      setMessage('The payment was not completed. You have not been charged; you can try again.');
      setPhase('ready');
    } catch {
      setMessage('The payment could not be sent to Stripe. You have not been charged; you can try again.');
      setPhase('ready');
    }
  };

  const cancel = async () => {
    setMessage(null);
    try {
      const { data: result } = await cancelOrder({ variables: { id: orderId, orderToken } });
      const errors = result?.orderCancel.userErrors ?? [];
      if (errors.length) setMessage(errors.map((e) => e.message).join(' '));
      else onCancelled();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : 'The order could not be cancelled.');
    }
  };

  if (error && !data) return <ErrorState error={error} retry={() => refetch()} />;
  if (loading && !data) return <Loading label="Preparing your payment…" />;
  const order = data?.order;
  if (!order || !clientSecret || order.payment?.provider !== 'STRIPE') {
    return (
      <p className="field-error" role="alert">
        This order cannot be paid by card right now.
      </p>
    );
  }

  const busy = phase === 'loading' || phase === 'paying' || cancelling.loading;
  return (
    <form className="stripe-payment" aria-labelledby={`${id}-title`} onSubmit={pay} noValidate>
      <h2 id={`${id}-title`} ref={titleRef} tabIndex={-1}>
        Pay for order {order.number}
      </h2>
      <p className="muted">
        Your order is placed and its items are reserved. Enter your card details to pay{' '}
        <strong>{formatMoney(order.total)}</strong>; your card is handled by Stripe and never reaches this shop.
      </p>
      {phase === 'loading' && <Loading label="Loading the card form…" />}
      <div ref={mountRef} className="stripe-element" aria-busy={phase === 'loading'} />
      {message && (
        <p ref={messageRef} id={`${id}-message`} className="field-error" role="alert" tabIndex={-1}>
          {message}
        </p>
      )}
      {phase === 'failed' ? (
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Try loading the card form again
        </button>
      ) : (
        <button
          type="submit"
          className="button"
          disabled={busy}
          aria-describedby={message ? `${id}-message` : undefined}
        >
          {phase === 'paying' ? 'Paying…' : `Pay ${formatMoney(order.total)}`}
        </button>
      )}{' '}
      <button type="button" className="button secondary" disabled={busy} onClick={cancel}>
        {cancelling.loading ? 'Cancelling…' : 'Cancel order'}
      </button>
      {phase === 'paying' && <Loading label="Confirming your payment with Stripe…" />}
    </form>
  );
}
