import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { OrderCancel, PaymentConfirm } from '../order-commands';
import { isPayPalApprovalUrl } from '../payment-providers';

export interface PayPalPendingProps {
  orderId: string;
  orderToken: string | null;
  approvalUrl: string | null | undefined;
  /** The order changed (captured or cancelled): the page reads it again. */
  onChanged(): void;
}

/**
 * An order paid with PayPal that PayPal has not approved yet: the buyer closed PayPal's
 * window, came back with the browser's back button, or the capture found no approval.
 * They can go back to PayPal, check again after approving elsewhere, or cancel the
 * order (its items are released and the cart can be checked out again).
 */
export function PayPalPending({ orderId, orderToken, approvalUrl, onChanged }: PayPalPendingProps) {
  const [confirm, confirming] = useMutation(PaymentConfirm);
  const [cancel, cancelling] = useMutation(OrderCancel);
  const [message, setMessage] = useState<string | null>(null);
  const busy = confirming.loading || cancelling.loading;

  const run = async (action: () => Promise<{ userErrors: Array<{ code: string; message: string }> } | undefined>) => {
    setMessage(null);
    try {
      const result = await action();
      // INVALID_ORDER_STATE: paid or closed meanwhile (PayPal's webhook, another window); the page reads it again.
      const errors = (result?.userErrors ?? []).filter((e) => e.code !== 'INVALID_ORDER_STATE');
      if (errors.length) setMessage(errors.map((e) => e.message).join(' '));
      onChanged();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : 'PayPal could not be reached; try again.');
    }
  };
  const checkAgain = () =>
    run(async () => {
      const { data } = await confirm({ variables: { orderId, orderToken } });
      const after = data?.paymentConfirm;
      if (after && !after.userErrors.length && after.order?.status === 'PENDING_PAYMENT') {
        return { userErrors: [{ code: 'NOT_APPROVED', message: 'PayPal has not received your approval yet.' }] };
      }
      return after;
    });
  const cancelOrder = () =>
    run(async () => (await cancel({ variables: { id: orderId, orderToken } })).data?.orderCancel);

  return (
    <div className="status paypal-pending">
      <p>
        <strong>Your PayPal payment is not complete.</strong> Approve it at PayPal to pay for this order, or cancel the
        order to change your cart.
      </p>
      <p className="actions">
        {isPayPalApprovalUrl(approvalUrl) && (
          <a className="button" href={approvalUrl}>
            Continue to PayPal
          </a>
        )}
        <button type="button" className="button secondary" disabled={busy} onClick={checkAgain}>
          {confirming.loading ? 'Checking with PayPal…' : 'I approved it: check again'}
        </button>
        <button type="button" className="button link" disabled={busy} onClick={cancelOrder}>
          {cancelling.loading ? 'Cancelling…' : 'Cancel order'}
        </button>
      </p>
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
