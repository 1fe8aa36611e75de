import { type CartRecord, isCartId } from './cart.js';
import type { CartStore } from './cart-store.js';

/** What a checkout sees of the cart it holds: taken atomically with the lock. */
export interface CartSnapshot {
  cartId: string;
  currencyCode: string;
  lines: Array<{ lineId: string; variantId: string; quantity: number }>;
  lockedUntil: string;
}

export type CheckoutLockResult =
  | { status: 'LOCKED'; snapshot: CartSnapshot }
  | { status: 'CART_NOT_FOUND' | 'CART_LOCKED' | 'CART_EMPTY' };

/** A cart's lines as a price preview reads them: no lock taken, nothing changed. */
export interface CartContents {
  cartId: string;
  currencyCode: string;
  lines: Array<{ lineId: string; variantId: string; quantity: number }>;
}

export type CartContentsResult =
  | { status: 'FOUND'; contents: CartContents }
  | { status: 'CART_NOT_FOUND' | 'CART_EMPTY' };

export interface OrderPaid {
  orderId: string;
  cartId: string | null;
  customerId: string | null;
}

function snapshotOf(cart: CartRecord): CartSnapshot {
  return {
    cartId: cart.id,
    currencyCode: cart.currencyCode as string,
    lines: cart.lines.map((l) => ({ lineId: l.id, variantId: l.variantId, quantity: l.quantity })),
    lockedUntil: new Date(cart.lock?.expiresAt ?? 0).toISOString(),
  };
}

/**
 * What the checkout (orders) needs of carts: hold one still while it is checked out,
 * let it go, and clear it once its order is paid.
 */
export class CartCheckout {
  constructor(private readonly store: CartStore) {}

  /**
   * Locks the cart for this checkout (the same checkout may ask again and gets the same
   * lock) and answers its snapshot. A guest cart may be checked out by whoever holds
   * its id; a customer's cart only for that customer.
   */
  async lock(
    cartId: string,
    request: { checkoutId: string; customerId: string | null; ttlSeconds: number },
  ): Promise<CheckoutLockResult> {
    if (!isCartId(cartId)) return { status: 'CART_NOT_FOUND' };
    const outcome = await this.store.lockForCheckout(cartId, request);
    return outcome.status === 'LOCKED' ? { status: 'LOCKED', snapshot: snapshotOf(outcome.cart) } : outcome;
  }

  /**
   * The cart's lines, read without locking it, for a checkout's price preview. The
   * same owner rule as `lock`: a guest cart for whoever holds its id, a customer's cart
   * only for that customer (to anyone else it does not exist).
   */
  async contents(cartId: string, customerId: string | null): Promise<CartContentsResult> {
    if (!isCartId(cartId)) return { status: 'CART_NOT_FOUND' };
    const cart = await this.store.get(cartId);
    if (!cart || (cart.ownerId !== null && cart.ownerId !== customerId)) return { status: 'CART_NOT_FOUND' };
    if (cart.lines.length === 0 || !cart.currencyCode) return { status: 'CART_EMPTY' };
    const { lines } = snapshotOf(cart);
    return { status: 'FOUND', contents: { cartId: cart.id, currencyCode: cart.currencyCode, lines } };
  }

  /** Releases this checkout's lock; false when it held none (already released, expired, cleared). */
  release(cartId: string, checkoutId: string): Promise<boolean> {
    return isCartId(cartId) ? this.store.releaseCheckout(cartId, checkoutId) : Promise.resolve(false);
  }

  /**
   * Clears the cart an order was paid from, once per order: a guest cart is deleted, a
   * customer's cart emptied and unlocked. Without a cart id, the customer's cart.
   */
  clearForOrder(order: OrderPaid): Promise<{ cleared: boolean; duplicate: boolean }> {
    // A malformed cart id names no cart; the order is still marked as handled.
    const malformed = order.cartId !== null && !isCartId(order.cartId);
    return this.store.clearForOrder(malformed ? { orderId: order.orderId, cartId: null, customerId: null } : order);
  }
}
