// A guest reads an order with the token checkout returned. It is kept in this tab's
// sessionStorage only (gone when the tab closes), never in localStorage or a cookie.

const KEY = 'storegraph.orderTokens';

function readAll(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberOrderToken(orderId: string, token: string): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...readAll(), [orderId]: token }));
  } catch {
    // Storage refused (private mode, quota): the order page then asks to sign in.
  }
}

export function orderToken(orderId: string): string | null {
  return readAll()[orderId] ?? null;
}

// An order sent to PayPal for approval, so the checkout can offer to continue or cancel
// it when the buyer comes back without PayPal's return (the browser's back button).
const PAYPAL_KEY = 'storegraph.paypalPending';

export interface PayPalPendingOrder {
  orderId: string;
  cartId: string;
  approvalUrl: string;
}

export function rememberPayPalPending(pending: PayPalPendingOrder): void {
  try {
    sessionStorage.setItem(PAYPAL_KEY, JSON.stringify(pending));
  } catch {
    // Storage refused: the order page still offers PayPal's link and cancelling.
  }
}

/** The order waiting for PayPal's approval of this cart's checkout, if any. */
export function payPalPending(cartId: string): PayPalPendingOrder | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(PAYPAL_KEY) ?? 'null') as Partial<PayPalPendingOrder> | null;
    if (!value || value.cartId !== cartId) return null;
    if (typeof value.orderId !== 'string' || typeof value.approvalUrl !== 'string') return null;
    return { orderId: value.orderId, cartId, approvalUrl: value.approvalUrl };
  } catch {
    return null;
  }
}

export function forgetPayPalPending(orderId: string): void {
  try {
    const value = JSON.parse(sessionStorage.getItem(PAYPAL_KEY) ?? 'null') as { orderId?: unknown } | null;
    if (value?.orderId === orderId) sessionStorage.removeItem(PAYPAL_KEY);
  } catch {
    sessionStorage.removeItem(PAYPAL_KEY);
  }
}
