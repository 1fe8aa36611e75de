import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useCart } from '../cart';
import { Empty, ErrorState, Loading } from '../components/status';
import { OrderCancel, PaymentConfirm } from '../order-commands';
import { forgetPayPalPending, orderToken } from '../order-tokens';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { OrderNotFound } from './order';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Outcome =
  | { kind: 'working' }
  | { kind: 'cancelled'; number: string }
  | { kind: 'notFound' }
  | { kind: 'failed'; error: unknown };

/**
 * Where PayPal sends the buyer back (`/checkout/paypal/return?order=…&token=…&PayerID=…`,
 * after approving) or away (`/checkout/paypal/cancel?order=…&token=…`). Return captures
 * the approved order (`paymentConfirm`; PayPal never captures twice, and the orders
 * service may already have captured on PayPal's approval webhook) and shows the order.
 * Cancel cancels the unpaid order, so its items are released and the cart, which keeps
 * its lines, can be checked out again. PayPal's parameters leave the address bar.
 */
export function PayPalReturnPage({ mode }: { mode: 'return' | 'cancel' }) {
  const { search } = useLocation();
  const { status: session } = useSession();
  const { reload: reloadCart } = useCart();
  const orderId = search.get('order') ?? '';
  const valid = UUID.test(orderId);
  const [confirm] = useMutation(PaymentConfirm);
  const [cancel] = useMutation(OrderCancel);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'working' });
  const [attempt, setAttempt] = useState(0);
  // Once per attempt: React's development double effects must not capture or cancel twice.
  const started = useRef(-1);

  useEffect(() => {
    if (!valid || session === 'loading' || started.current === attempt) return;
    started.current = attempt;
    const token = orderToken(orderId);
    forgetPayPalPending(orderId);
    const showOrder = () => navigate(`/order/${encodeURIComponent(orderId)}`, { replace: true });
    (async () => {
      if (mode === 'return') {
        const { data } = await confirm({ variables: { orderId, orderToken: token } });
        const errors = data?.paymentConfirm.userErrors ?? [];
        if (errors.some((e) => e.code === 'ORDER_NOT_FOUND')) return setOutcome({ kind: 'notFound' });
        // Captured, still waiting for approval, or paid already: the order page says which.
        return showOrder();
      }
      const { data } = await cancel({ variables: { id: orderId, orderToken: token } });
      const result = data?.orderCancel;
      if (result?.userErrors.some((e) => e.code === 'ORDER_NOT_FOUND')) return setOutcome({ kind: 'notFound' });
      // Paid meanwhile (approved in another window): the order page shows it.
      if (!result?.order || result.userErrors.length) return showOrder();
      await reloadCart();
      navigate(`/checkout/paypal/cancel?order=${encodeURIComponent(orderId)}`, { replace: true });
      setOutcome({ kind: 'cancelled', number: result.order.number });
    })().catch((error: unknown) => setOutcome({ kind: 'failed', error }));
  }, [valid, session, attempt, orderId, mode, confirm, cancel, reloadCart]);

  if (!valid) {
    return (
      <Empty>
        <h1>This PayPal link is incomplete</h1>
        <p>
          Your order is in <Link to="/account">your account</Link>; your cart is <Link to="/cart">here</Link>.
        </p>
      </Empty>
    );
  }
  if (outcome.kind === 'notFound') return <OrderNotFound id={orderId} signedIn={session === 'signedIn'} />;
  if (outcome.kind === 'failed') {
    return (
      <div>
        <h1>{mode === 'return' ? 'Completing your PayPal payment' : 'Cancelling your order'}</h1>
        <ErrorState error={outcome.error} retry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  if (outcome.kind === 'cancelled') {
    return (
      <div className="status">
        <h1>PayPal payment cancelled</h1>
        <p role="status">
          Order {outcome.number} was cancelled and you have not been charged. Your cart still has its items.
        </p>
        <p>
          <Link to="/checkout" className="button">
            Back to checkout
          </Link>{' '}
          <Link to="/cart">Edit your cart</Link>
        </p>
      </div>
    );
  }
  return (
    <div>
      <h1>{mode === 'return' ? 'Completing your PayPal payment' : 'Cancelling your order'}</h1>
      <Loading label={mode === 'return' ? 'Confirming your payment with PayPal…' : 'Releasing your cart…'} />
    </div>
  );
}
