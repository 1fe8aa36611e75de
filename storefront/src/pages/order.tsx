import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useCart } from '../cart';
import { PayPalPending } from '../components/paypal-pending';
import { Empty, ErrorState, Loading } from '../components/status';
import { StripeReturnNotice } from '../components/stripe-return';
import { graphql } from '../gql';
import { formatMoney } from '../money';
import { PaymentConfirm } from '../order-commands';
import { orderToken } from '../order-tokens';
import { Link } from '../router';
import { useSession } from '../session';
import { orderStatusLabel } from './account';

export const OrderStatusQuery = graphql(`
  query OrderStatus($id: ID!, $orderToken: String) {
    order(id: $id, orderToken: $orderToken) { id status }
  }
`);

const OrderQuery = graphql(`
  query Order($id: ID!, $orderToken: String) {
    order(id: $id, orderToken: $orderToken) {
      id number status email createdAt
      lines {
        id title sku quantity
        unitPrice { amount currencyCode }
        lineTotal { amount currencyCode }
        variant { id product { id slug } }
      }
      subtotal { amount currencyCode }
      shipping { amount currencyCode }
      tax { amount currencyCode }
      total { amount currencyCode }
      shippingAddress { name line1 line2 city region postalCode country }
      payment { id provider status approvalUrl }
    }
  }
`);

const POLL_MS = 1_000;
/** An order is polled while its payment has no outcome, for at most this long. */
const POLL_FOR_MS = 120_000;

export function OrderPage({ id }: { id: string }) {
  const { status: session } = useSession();
  const { reload: reloadCart } = useCart();
  const token = orderToken(id);
  const started = useRef(Date.now());
  const { data, error, loading, refetch, startPolling, stopPolling } = useQuery(OrderQuery, {
    variables: { id, orderToken: token },
    skip: session === 'loading',
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const [confirm, confirming] = useMutation(PaymentConfirm);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const order = data?.order;
  const pending = order?.status === 'PENDING_PAYMENT';

  useEffect(() => {
    if (pending && Date.now() - started.current < POLL_FOR_MS) {
      startPolling(POLL_MS);
      const stop = setTimeout(stopPolling, POLL_FOR_MS - (Date.now() - started.current));
      return () => {
        clearTimeout(stop);
        stopPolling();
      };
    }
    stopPolling();
    return undefined;
  }, [pending, startPolling, stopPolling]);

  // A paid order empties the cart on the server (asynchronously): read it again.
  const paid = order?.status === 'PAID';
  useEffect(() => {
    if (!paid) return;
    reloadCart();
    const again = setTimeout(() => reloadCart(), 1_500);
    return () => clearTimeout(again);
  }, [paid, reloadCart]);

  if (session === 'loading' || (!data && loading)) return <Loading label="Loading your order…" />;
  if (error && !data) return <ErrorState error={error} retry={() => refetch()} />;
  if (!order) return <OrderNotFound id={id} signedIn={session === 'signedIn'} />;

  const address = order.shippingAddress;
  return (
    <div className="order">
      <h1>Order {order.number}</h1>
      <p role="status" aria-live="polite" className="order-status">
        Status:{' '}
        <span className={`badge status-${order.status.toLowerCase()}`} data-status={order.status}>
          {orderStatusLabel(order.status)}
        </span>
        {pending && <span className="muted"> · waiting for the payment to be confirmed…</span>}
      </p>
      <StripeReturnNotice />
      {pending && order.payment?.status === 'REQUIRES_ACTION' && order.payment.provider === 'PAYPAL' && (
        <PayPalPending
          orderId={order.id}
          orderToken={token}
          approvalUrl={order.payment.approvalUrl}
          onChanged={() => {
            refetch();
            reloadCart();
          }}
        />
      )}
      {pending && order.payment?.status === 'REQUIRES_ACTION' && order.payment.provider === 'TEST' && (
        <div className="status">
          <p>Your bank asks you to confirm this payment.</p>
          <button
            type="button"
            className="button"
            disabled={confirming.loading}
            onClick={async () => {
              setConfirmError(null);
              try {
                const { data: result } = await confirm({ variables: { orderId: order.id, orderToken: token } });
                const errors = result?.paymentConfirm.userErrors ?? [];
                if (errors.length) setConfirmError(errors.map((e) => e.message).join(' '));
              } catch (e) {
                setConfirmError(e instanceof Error ? e.message : 'The payment could not be confirmed.');
              }
            }}
          >
            {confirming.loading ? 'Please wait…' : 'Confirm payment'}
          </button>
          {confirmError && (
            <p className="field-error" role="alert">
              {confirmError}
            </p>
          )}
        </div>
      )}
      {order.status === 'PAID' && <p>Thank you! Your payment was received. A confirmation goes to {order.email}.</p>}
      {order.status === 'CANCELLED' && (
        <p>
          This order was cancelled.{' '}
          {order.payment?.status === 'REFUNDED' ? 'Your payment was refunded.' : 'You have not been charged.'}{' '}
          <Link to="/cart">Back to your cart</Link>
        </p>
      )}
      {order.status === 'PAYMENT_FAILED' && (
        <div className="status status-error" role="alert">
          <p>
            <strong>
              {order.payment?.provider === 'PAYPAL' ? 'PayPal declined the payment.' : 'Your card was declined.'}
            </strong>{' '}
            You have not been charged and your cart still has its items.
          </p>
          <p>
            <Link to="/checkout">Try another card</Link> · <Link to="/cart">Back to your cart</Link>
          </p>
        </div>
      )}
      <table className="orders">
        <caption className="visually-hidden">Items in order {order.number}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Quantity</th>
            <th scope="col">Price</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.id}>
              <td>
                <Link to={`/p/${line.variant.product.slug}`}>{line.title}</Link>
                <br />
                <span className="muted">{line.sku}</span>
              </td>
              <td>{line.quantity}</td>
              <td>{formatMoney(line.unitPrice)}</td>
              <td>{formatMoney(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="summary" aria-label="Totals">
        <dl>
          <dt>Subtotal</dt>
          <dd>{formatMoney(order.subtotal)}</dd>
          <dt>Shipping</dt>
          <dd>{formatMoney(order.shipping)}</dd>
          <dt>Tax</dt>
          <dd>{formatMoney(order.tax)}</dd>
          <dt className="total">Total</dt>
          <dd className="total">{formatMoney(order.total)}</dd>
        </dl>
      </section>
      <h2>Shipping to</h2>
      <address>
        {address.name}
        <br />
        {address.line1}
        {address.line2 ? `, ${address.line2}` : ''}
        <br />
        {address.postalCode} {address.city}
        {address.region ? `, ${address.region}` : ''}, {address.country}
      </address>
      <p>
        {session === 'signedIn' ? <Link to="/account">Your order history</Link> : <Link to="/">Continue shopping</Link>}
      </p>
    </div>
  );
}

/** An order this visitor cannot read: theirs after signing in, or not theirs at all. */
export function OrderNotFound({ id, signedIn }: { id: string; signedIn: boolean }) {
  return (
    <Empty>
      <h1>Order not found</h1>
      <p>
        {signedIn ? (
          <Link to="/account">Your order history</Link>
        ) : (
          <>
            <Link to={`/account/login?next=${encodeURIComponent(`/order/${id}`)}`}>Sign in</Link> to see your orders.
          </>
        )}
      </p>
    </Empty>
  );
}
