import { randomBytes } from 'node:crypto';

export const MIN_LINE_QUANTITY = 1;
export const MAX_LINE_QUANTITY = 99;
export const MAX_LINES = 100;

export interface CartLineRecord {
  /** Stable per variant within a cart: lines for the same variant merge. */
  id: string;
  variantId: string;
  quantity: number;
}

export interface CartRecord {
  id: string;
  /** null for a guest cart, addressed by its id alone. */
  ownerId: string | null;
  lines: CartLineRecord[];
  createdAt: string;
  updatedAt: string;
}

/** What the catalog says of a variant now. */
export interface VariantOffer {
  variantId: string;
  priceMinor: number;
  currencyCode: string;
  quantityAvailable: number;
}

/** Live catalog data for cart lines, in one batched call per request. */
export interface CatalogPort {
  offers(variantIds: readonly string[]): Promise<Map<string, VariantOffer>>;
}

export interface CartStore {
  create(cart: CartRecord, ttlSeconds: number): Promise<void>;
  get(id: string): Promise<CartRecord | null>;
  ping(): Promise<void>;
}

/** 144 random bits, URL-safe: unguessable, so a guest cart's id is its credential. */
export function newCartId(): string {
  return randomBytes(18).toString('base64url');
}

export const CART_ID_SHAPE = /^[A-Za-z0-9_-]{24}$/;

export function lineIdFor(cartId: string, variantId: string): string {
  return `${cartId}.${variantId}`;
}
