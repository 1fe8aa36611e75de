import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState } from 'react';
import { useCart } from '../cart';
import {
  type AddressErrors,
  AddressForm,
  type AddressValues,
  EMPTY_ADDRESS,
  validateAddress,
} from '../components/address-form';
import { CheckoutQuoteSummary } from '../components/checkout-quote';
import { PayPalPending } from '../components/paypal-pending';
import { initialChoice, NEW_ADDRESS, type SavedAddress, SavedAddressChoice } from '../components/saved-address-choice';
import { Empty, ErrorState, Loading } from '../components/status';
import { StripePayment } from '../components/stripe-payment';
import { graphql } from '../gql';
import type { CheckoutMutationVariables } from '../gql/graphql';
import { formatMoney } from '../money';
import { OrderCancel } from '../order-commands';
import {
  forgetPayPalPending,
  orderToken,
  payPalPending,
  rememberOrderToken,
  rememberPayPalPending,
} from '../order-tokens';
import { isPayPalApprovalUrl, offeredProviders, TEST_CARDS } from '../payment-providers';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import { stripePublishableKey } from '../stripe';
import { addressInput, fieldErrors } from './account';
import { OrderStatusQuery } from './order';

export const Checkout = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      order {
        id number status email
        subtotal { amount currencyCode }
        shipping { amount currencyCode }
        tax { amount currencyCode }
        total { amount currencyCode }
        payment { id provider status approvalUrl }
      }
      orderToken
      userErrors { code message field }
    }
  }
`);

export const CheckoutAddresses = graphql(`
  query CheckoutAddresses {
    me {
      id
      addresses { id name line1 line2 city region postalCode country phone isDefault }
    }
  }
`);

/** A saved address as the address form's values. */
export function addressValues(a: SavedAddress): AddressValues {
  return {
    name: a.name,
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    region: a.region ?? '',
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone ?? '',
  };
}

/** How long the checkout page waits for the payment's outcome before showing the order. */
const OUTCOME_WAIT_MS = 8_000;
const POLL_MS = 500;

type Totals = { subtotal: Money; shipping: Money; tax: Money; total: Money };
type Money = { amount: string; currencyCode: string };

export function CheckoutPage({ quoteSettleMs }: { quoteSettleMs?: number } = {}) {
  const { cart, loading, error, reload } = useCart();
  const { status, user } = useSession();
  const saved = useQuery(CheckoutAddresses, { skip: status !== 'signedIn', fetchPolicy: 'cache-and-network' });
  // Kept while the query reads again (see the account page): the page must not lose its form.
  const savedData = saved.data ?? saved.previousData;
  const addresses: SavedAddress[] = savedData?.me?.addresses ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const choice = picked ?? (savedData ? initialChoice(addresses) : NEW_ADDRESS);
  const chosen = addresses.find((a) => a.id === choice) ?? null;
  const [typed, setTyped] = useState<AddressValues>(EMPTY_ADDRESS);
  const current = chosen ? addressValues(chosen) : typed;
  const quoteAddress = Object.keys(validateAddress(current)).length === 0 ? addressInput(current) : null;
  const client = useApolloClient();
  const [checkout] = useMutation(Checkout);
  const [cancelOrder] = useMutation(OrderCancel);
  const providers = offeredProviders();
  // A TEST card's token, 'STRIPE' for the Payment Element or 'PAYPAL'.
  const [card, setCard] = useState<string>(
    providers.includes('TEST') ? TEST_CARDS[0].token : providers.includes('STRIPE') ? 'STRIPE' : 'PAYPAL',
  );
  const [stripeOrder, setStripeOrder] = useState<{
    id: string;
    number: string;
    token: string | null;
    totals: Totals;
  } | null>(null);
  const [email, setEmail] = useState('');
  const [serverErrors, setServerErrors] = useState<AddressErrors & { email?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [declined, setDeclined] = useState<{ number: string; totals: Totals; message?: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The key is reused only to retry the very same request after it got no answer.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const id = useId();
  const declinedAlert = useRef<HTMLDivElement>(null);
  // Set while the browser leaves for PayPal; a page restored from the back/forward cache is usable again.
  const leaving = useRef(false);
  const [, restored] = useState(0);
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      leaving.current = false;
      setBusy(null);
      restored((n) => n + 1);
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, []);
  // The message takes the focus (and so scrolls into view) when the outcome arrives.
  useEffect(() => {
    if (declined) declinedAlert.current?.focus();
  }, [declined]);

  if (status === 'loading' || (status === 'signedIn' && !savedData && saved.loading)) {
    return <Loading label="Loading your checkout…" />;
  }
  if (error && !cart) return <ErrorState error={error} retry={() => reload()} />;
  if (!cart && loading) return <Loading label="Loading your cart…" />;
  if (!cart || cart.lines.length === 0) {
    return (
      <Empty>
        <h1>Checkout</h1>
        <p>Your cart is empty.</p>
        <p>
          <Link to="/search">Start shopping</Link>
        </p>
      </Empty>
    );
  }
  const guest = status !== 'signedIn';
  const waiting = payPalPending(cart.id);

  /** The order sent to PayPal changed (captured, cancelled) or was checked: follow it. */
  const paypalChanged = async (orderId: string) => {
    const token = orderToken(orderId);
    const { data } = await client
      .query({ query: OrderStatusQuery, variables: { id: orderId, orderToken: token }, fetchPolicy: 'network-only' })
      .catch(() => ({ data: undefined }));
    const state = data?.order?.status;
    if (state === 'PENDING_PAYMENT') return;
    forgetPayPalPending(orderId);
    if (state === 'PAID') return navigate(`/order/${encodeURIComponent(orderId)}`);
    await reload();
    restored((n) => n + 1);
  };

  /** Reads the order until its payment has an outcome (or the wait is over). */
  const outcome = async (orderId: string, orderToken: string | null) => {
    const deadline = Date.now() + OUTCOME_WAIT_MS;
    for (;;) {
      const { data } = await client.query({
        query: OrderStatusQuery,
        variables: { id: orderId, orderToken },
        fetchPolicy: 'network-only',
      });
      const state = data?.order?.status ?? 'PENDING_PAYMENT';
      if (state !== 'PENDING_PAYMENT' || Date.now() > deadline) return state;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  const submit = async (address: AddressValues) => {
    setProblem(null);
    setDeclined(null);
    if (guest && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setServerErrors({ email: 'Enter your email address, for the order confirmation.' });
      document.getElementById(`${id}-email`)?.focus();
      return;
    }
    const provider = providers.find((p) => p === (card === 'STRIPE' || card === 'PAYPAL' ? card : 'TEST'));
    if (!provider) {
      setProblem('Payments are not available in this shop right now.');
      return;
    }
    const input: CheckoutMutationVariables['input'] = {
      cartId: cart.id,
      email: guest ? email.trim() : null,
      shippingAddress: addressInput(address),
      paymentProvider: provider,
      testPaymentToken: provider === 'TEST' ? card : null,
      idempotencyKey: '',
    };
    const body = JSON.stringify({ ...input, updatedAt: cart.updatedAt });
    if (attempt.current?.body !== body) attempt.current = { body, key: crypto.randomUUID() };
    input.idempotencyKey = attempt.current.key;
    setBusy('Placing your order…');
    try {
      const { data } = await checkout({ variables: { input } });
      const result = data?.checkout;
      if (!result) throw new Error('The order could not be placed.');
      if (result.userErrors.length || !result.order) {
        setServerErrors(fieldErrors(result.userErrors));
        const general = result.userErrors.filter((e) => !['email', ...ADDRESS_KEYS].includes(e.field?.at(-1) ?? ''));
        setProblem(
          general.length
            ? general.map((e) => e.message).join(' ')
            : result.userErrors.length
              ? 'Please check the highlighted fields.'
              : 'The order could not be placed.',
        );
        attempt.current = null;
        return;
      }
      setServerErrors({});
      const order = result.order;
      if (result.orderToken) rememberOrderToken(order.id, result.orderToken);
      if (provider === 'STRIPE') {
        // Paid in the Payment Element below; the order follows Stripe's webhook.
        attempt.current = null;
        setStripeOrder({ id: order.id, number: order.number, token: result.orderToken ?? null, totals: order });
        return;
      }
      if (provider === 'PAYPAL') {
        const approvalUrl = order.payment?.approvalUrl;
        if (isPayPalApprovalUrl(approvalUrl)) {
          // The buyer approves at PayPal and comes back to /checkout/paypal/return.
          rememberPayPalPending({ orderId: order.id, cartId: cart.id, approvalUrl });
          attempt.current = null;
          leaving.current = true;
          setBusy('Taking you to PayPal…');
          window.location.assign(approvalUrl);
          return;
        }
        // No way to approve it: the order is cancelled at once, so the cart is not held.
        attempt.current = null;
        await cancelOrder({ variables: { id: order.id, orderToken: result.orderToken ?? null } }).catch(() => null);
        await reload();
        setProblem('PayPal is not available right now. You have not been charged; choose another way to pay.');
        return;
      }
      setBusy('Confirming your payment…');
      const state = await outcome(order.id, result.orderToken ?? null);
      attempt.current = null;
      if (state === 'PAYMENT_FAILED') {
        setDeclined({ number: order.number, totals: order });
        await reload();
        return;
      }
      navigate(`/order/${encodeURIComponent(order.id)}`);
    } catch (e) {
      setProblem(
        `${e instanceof Error ? e.message : 'The order could not be placed.'} Your cart is unchanged; you can try again.`,
      );
    } finally {
      if (!leaving.current) setBusy(null);
    }
  };

  /** Stripe declined the card: the order fails with its PaymentIntent, the cart is unlocked. */
  const stripeDeclined = async (message: string) => {
    if (!stripeOrder) return;
    setBusy('Your card was declined. Releasing your cart…');
    try {
      await outcome(stripeOrder.id, stripeOrder.token);
      await reload();
    } finally {
      setStripeOrder(null);
      setDeclined({ number: stripeOrder.number, totals: stripeOrder.totals, message });
      setBusy(null);
    }
  };

  return (
    <div className="checkout">
      <h1>Checkout</h1>
      {declined && (
        <div className="status status-error" role="alert" ref={declinedAlert} tabIndex={-1}>
          <p>
            <strong>Your card was declined.</strong> Order {declined.number} was not paid and you have not been charged.
            Your cart still has its items: choose another card and place the order again.
          </p>
          {declined.message && <p>Stripe says: {declined.message}</p>}
        </div>
      )}
      {waiting && (
        <section className="paypal-waiting" aria-label="Waiting for PayPal">
          <h2>Your order is waiting for PayPal</h2>
          <PayPalPending
            orderId={waiting.orderId}
            orderToken={orderToken(waiting.orderId)}
            approvalUrl={waiting.approvalUrl}
            onChanged={() => paypalChanged(waiting.orderId)}
          />
        </section>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="checkout-layout">
        <section aria-labelledby={`${id}-shipping`}>
          <h2 id={`${id}-shipping`}>Shipping</h2>
          {addresses.length > 0 && (
            <SavedAddressChoice
              addresses={addresses}
              value={choice}
              onChange={(next) => {
                setPicked(next);
                setServerErrors({});
              }}
            />
          )}
          <AddressForm
            key={chosen ? chosen.id : NEW_ADDRESS}
            initial={chosen ? addressValues(chosen) : typed}
            fieldsHidden={chosen !== null}
            submitLabel="Place order"
            busy={busy !== null || providers.length === 0 || stripeOrder !== null || waiting !== null}
            serverErrors={serverErrors}
            onSubmit={submit}
            onChange={setTyped}
          >
            {guest ? (
              <div className="field">
                <label htmlFor={`${id}-email`}>Email</label>
                <input
                  id={`${id}-email`}
                  name="email"
                  type="email"
                  autoComplete="email"
                  value={email}
                  required
                  aria-invalid={serverErrors.email ? true : undefined}
                  aria-describedby={serverErrors.email ? `${id}-email-error` : `${id}-email-hint`}
                  onChange={(e) => setEmail(e.target.value)}
                />
                {serverErrors.email ? (
                  <p id={`${id}-email-error`} className="field-error">
                    {serverErrors.email}
                  </p>
                ) : (
                  <p id={`${id}-email-hint`} className="muted">
                    For the order confirmation. <Link to="/account/login?next=/checkout">Sign in</Link> to use your
                    account.
                  </p>
                )}
              </div>
            ) : (
              <p>
                Ordering as <strong>{user?.email}</strong>
              </p>
            )}
            <fieldset className="providers">
              <legend>Payment</legend>
              {providers.length === 0 ? (
                <p role="alert">Payments are not available in this shop right now.</p>
              ) : (
                [
                  ...(providers.includes('TEST') ? TEST_CARDS.map((c) => ({ value: c.token, label: c.label })) : []),
                  ...(providers.includes('STRIPE') ? [{ value: 'STRIPE', label: 'Card (Stripe)' }] : []),
                  ...(providers.includes('PAYPAL') ? [{ value: 'PAYPAL', label: PAYPAL_LABEL }] : []),
                ].map((choice) => (
                  <label key={choice.value} className="choice">
                    <input
                      type="radio"
                      name="testPaymentToken"
                      value={choice.value}
                      checked={card === choice.value}
                      onChange={() => setCard(choice.value)}
                    />{' '}
                    {choice.label}
                  </label>
                ))
              )}
            </fieldset>
          </AddressForm>
          {busy && <Loading label={busy} />}
          {stripeOrder && (
            <StripePayment
              publishableKey={stripePublishableKey() ?? ''}
              orderId={stripeOrder.id}
              orderToken={stripeOrder.token}
              onPaid={() => navigate(`/order/${encodeURIComponent(stripeOrder.id)}`)}
              onDeclined={stripeDeclined}
              onCancelled={() => {
                setStripeOrder(null);
                reload();
              }}
            />
          )}
        </section>
        <section aria-labelledby={`${id}-summary`} className="summary">
          <h2 id={`${id}-summary`}>Order summary</h2>
          <ul aria-label="Items">
            {cart.lines.map((line) => (
              <li key={line.id}>
                {line.quantity} × {line.variant.product.title}, {line.variant.title}{' '}
                <span className="price">{formatMoney(line.lineTotal)}</span>
              </li>
            ))}
          </ul>
          {declined ? (
            <dl aria-label="Order total">
              <dt>Subtotal</dt>
              <dd>{formatMoney(declined.totals.subtotal)}</dd>
              <dt>Shipping</dt>
              <dd>{formatMoney(declined.totals.shipping)}</dd>
              <dt>Tax</dt>
              <dd>{formatMoney(declined.totals.tax)}</dd>
              <dt className="total">Total</dt>
              <dd className="total">{formatMoney(declined.totals.total)}</dd>
            </dl>
          ) : (
            <CheckoutQuoteSummary
              cartId={cart.id}
              cartVersion={`${cart.updatedAt}`}
              address={quoteAddress}
              cartSubtotal={cart.subtotal}
              settleMs={quoteSettleMs}
            />
          )}
          <Link to="/cart">Edit cart</Link>
        </section>
      </div>
    </div>
  );
}

const PAYPAL_LABEL = (
  <>
    PayPal <span className="muted">(you approve the payment at PayPal, then come back here)</span>
  </>
);

const ADDRESS_KEYS = ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'];
