import type { CartRecord } from './cart.js';

/** Which cart a write addresses. */
export type CartTarget =
  /** A new guest cart with this id. */
  | { kind: 'new-guest'; cartId: string }
  /** The customer's one cart, created with `newCartId` when they have none. */
  | { kind: 'customer'; customerId: string; newCartId: string }
  /** An existing cart: any guest cart, or a customer cart of `viewerId` only. */
  | { kind: 'existing'; cartId: string; viewerId: string | null };

/** How far a variant's quantity in one cart may go: `max` is min(99, available). */
export interface VariantLimit {
  max: number;
  available: number;
  currencyCode: string;
}

export type CartProblemCode =
  | 'CART_NOT_FOUND'
  | 'CART_LOCKED'
  | 'CART_FULL'
  | 'CURRENCY_MISMATCH'
  | 'LINE_NOT_FOUND'
  | 'VARIANT_NOT_FOUND'
  | 'INSUFFICIENT_STOCK'
  | 'INVALID_QUANTITY';

/** Why the store refused (or, when merging, capped) something; the service words it. */
export interface CartProblem {
  code: CartProblemCode;
  /** Position in the request of the line at fault. */
  index?: number;
  variantId?: string;
  available?: number;
  /** The quantity the cart already held. */
  inCart?: number;
  /** The cart's currency, when another was offered. */
  currencyCode?: string;
  /** Lines left out because the cart was full. */
  skipped?: number;
}

/** A write's result: the cart as it now is (null when absent or not the caller's), and why not all was done. */
export interface CartOutcome {
  cart: CartRecord | null;
  problems: CartProblem[];
}

export interface LineAddition {
  variantId: string;
  quantity: number;
  index: number;
}

export interface LineUpdate {
  lineId: string;
  /** 0 removes the line. */
  quantity: number;
  index: number;
}

export interface LineRemoval {
  lineId: string;
  index: number;
}

export type LockOutcome =
  | { status: 'LOCKED'; cart: CartRecord }
  | { status: 'CART_NOT_FOUND' | 'CART_LOCKED' | 'CART_EMPTY' };

/**
 * Carts with every read-check-write atomic. `refused` asks a write to check only
 * that the cart may be addressed (found, not locked) and change nothing: the caller
 * found problems of its own and wants the cart as it is.
 */
export interface CartStore {
  get(id: string): Promise<CartRecord | null>;
  /** The customer's cart, created empty when they have none (two first reads create one cart). */
  customerCart(customerId: string, newCartId: string): Promise<CartRecord>;
  addLines(
    target: CartTarget,
    request: {
      lines: LineAddition[];
      limits: Record<string, VariantLimit>;
      currencyCode: string | null;
      refused: boolean;
    },
  ): Promise<CartOutcome>;
  updateLines(
    target: CartTarget,
    request: { updates: LineUpdate[]; limits: Record<string, VariantLimit>; refused: boolean },
  ): Promise<CartOutcome>;
  removeLines(target: CartTarget, request: { removals: LineRemoval[]; refused: boolean }): Promise<CartOutcome>;
  /**
   * Moves a guest cart's lines into the customer's cart and deletes the guest cart.
   * `limits` must cover every variant of the guest cart but those in `unknown`;
   * 'stale' when the guest cart gained a variant since the caller read it.
   */
  merge(request: {
    guestCartId: string;
    customerId: string;
    newCartId: string;
    limits: Record<string, VariantLimit>;
    unknown: string[];
  }): Promise<CartOutcome | 'stale'>;
  lockForCheckout(
    cartId: string,
    request: { checkoutId: string; customerId: string | null; ttlSeconds: number },
  ): Promise<LockOutcome>;
  releaseCheckout(cartId: string, checkoutId: string): Promise<boolean>;
  /** Once per order id: deletes a guest cart, empties and unlocks a customer's. */
  clearForOrder(request: {
    orderId: string;
    cartId: string | null;
    customerId: string | null;
  }): Promise<{ cleared: boolean; duplicate: boolean }>;
  ping(): Promise<void>;
}
