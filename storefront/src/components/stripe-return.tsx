import { useEffect, useState } from 'react';
import { navigate, useLocation } from '../router';
import { stripeReturn } from '../stripe';

const STRIPE_PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status'];

/**
 * On the confirmation page after Stripe's redirect (3-D Secure): says what the bank
 * answered, and takes Stripe's parameters (the client secret among them) out of the
 * address, so it is neither bookmarked nor shared. The order's own status, which the
 * page keeps reading, follows Stripe's webhook.
 */
export function StripeReturnNotice() {
  const { pathname, search } = useLocation();
  const outcome = stripeReturn(search);
  const [shown] = useState(outcome);
  useEffect(() => {
    if (!outcome) return;
    const rest = new URLSearchParams(search);
    for (const name of STRIPE_PARAMS) rest.delete(name);
    const query = rest.toString();
    navigate(`${pathname}${query ? `?${query}` : ''}`, { replace: true });
  }, [outcome, pathname, search]);
  if (shown === 'failed') {
    return (
      <div className="status status-error" role="alert">
        <p>
          <strong>Your bank did not confirm the payment.</strong> You have not been charged.
        </p>
      </div>
    );
  }
  if (shown === 'succeeded') return <p className="muted">Your bank confirmed the payment.</p>;
  if (shown === 'pending') return <p className="muted">Back from your bank: waiting for the payment's outcome.</p>;
  return null;
}
