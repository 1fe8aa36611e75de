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
