import { randomBytes } from 'node:crypto';
import { isUuid } from '@storegraph/graphql-kit';

export const MIN_LINE_QUANTITY = 1;
export const MAX_LINE_QUANTITY = 99;
export const MAX_LINES = 100;
/** Longest list a single mutation accepts; beyond it the request is malformed, not a cart rule. */
export const MAX_REQUEST_ITEMS = MAX_LINES * 4;
/** How long the "this order's cart was cleared" marker lives: longer than any redelivery. */
export const ORDER_CLEARED_TTL_SECONDS = 30 * 24 * 3600;

export interface CartLineRecord {
  /** Stable per (cart, variant): `<cartId>.<variantId>`; lines for the same variant merge. */
  id: string;
  variantId: string;
  quantity: number;
}

export interface CheckoutLock {
  checkoutId: string;
  /** Epoch milliseconds (Redis' clock); the lock is void after it. */
  expiresAt: number;
}

export interface CartRecord {
  id: string;
  /** null for a guest cart, addressed by its id alone. */
  ownerId: string | null;
  /** The currency of its lines; null while the cart is empty. */
  currencyCode: string | null;
  lines: CartLineRecord[];
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  lock: CheckoutLock | null;
}

/** What the catalog says of a variant now. */
export interface VariantOffer {
  variantId: string;
  priceMinor: number;
  currencyCode: string;
  quantityAvailable: number;
  /** Its product was deleted: still priced (order history), never for sale. */
  discontinued: boolean;
}

/** Live catalog data for cart lines, in one batched call per request. */
export interface CatalogPort {
  offers(variantIds: readonly string[]): Promise<Map<string, VariantOffer>>;
}

/** 144 random bits, URL-safe: unguessable, so a guest cart's id is its credential. */
export function newCartId(): string {
  return randomBytes(18).toString('base64url');
}

export const CART_ID_SHAPE = /^[A-Za-z0-9_-]{24}$/;
export const isCartId = (id: string): boolean => CART_ID_SHAPE.test(id);

/** The variant a line id of this cart names, or null when it cannot be one of its lines. */
export function variantOfLine(cartId: string, lineId: string): string | null {
  const prefix = `${cartId}.`;
  if (!lineId.startsWith(prefix)) return null;
  const variantId = lineId.slice(prefix.length);
  return isUuid(variantId) ? variantId : null;
}
