import { isUuid, type UserError } from '@storegraph/graphql-kit';
import { MAX_LINE_QUANTITY, MAX_LINES, MIN_LINE_QUANTITY, type VariantOffer, variantOfLine } from './cart.js';
import { cartErrors } from './cart-errors.js';
import type { LineAddition, LineRemoval, LineUpdate, VariantLimit } from './cart-store.js';

export interface LineRequest {
  variantId: string;
  quantity: number;
}

const isQuantity = (q: number, min: number) => Number.isInteger(q) && q >= min && q <= MAX_LINE_QUANTITY;

/** How far a variant may go in one cart: 99 a line, and no more than is in stock. */
export function limitOf(offer: VariantOffer): VariantLimit {
  return {
    max: Math.max(0, Math.min(MAX_LINE_QUANTITY, offer.quantityAvailable)),
    available: Math.max(0, offer.quantityAvailable),
    currencyCode: offer.currencyCode,
  };
}

/** The limits of the variants the catalog sells (deleted ones left out). */
export function limitsOf(offers: Map<string, VariantOffer>): Record<string, VariantLimit> {
  const limits: Record<string, VariantLimit> = {};
  for (const [id, offer] of offers) if (!offer.discontinued) limits[id] = limitOf(offer);
  return limits;
}

/** The distinct variant ids worth asking the catalog about. */
export const askableVariants = (ids: Iterable<string>): string[] => [...new Set([...ids].filter(isUuid))];

/**
 * Checks lines to add against the limits and the catalog, merging lines of the same
 * variant (reported at the first line's position). The store checks them again
 * against what the cart already holds, atomically.
 */
export function checkAdditions(
  requested: LineRequest[],
  offers: Map<string, VariantOffer>,
): { lines: LineAddition[]; limits: Record<string, VariantLimit>; currencyCode: string | null; errors: UserError[] } {
  const errors: UserError[] = [];
  const merged = new Map<string, LineAddition>();
  requested.forEach((line, index) => {
    if (!isQuantity(line.quantity, MIN_LINE_QUANTITY)) {
      errors.push(cartErrors.invalidQuantity(['lines', String(index), 'quantity']));
      return;
    }
    const seen = merged.get(line.variantId);
    if (seen) seen.quantity += line.quantity;
    else merged.set(line.variantId, { variantId: line.variantId, quantity: line.quantity, index });
  });
  if (merged.size > MAX_LINES) errors.push(cartErrors.cartFull(['lines']));
  const limits = limitsOf(offers);
  const currencies = new Set<string>();
  for (const line of merged.values()) {
    const limit = limits[line.variantId];
    const field = ['lines', String(line.index)];
    if (!limit) {
      errors.push(cartErrors.variantNotFound([...field, 'variantId']));
      continue;
    }
    currencies.add(limit.currencyCode);
    if (line.quantity <= limit.max) continue;
    errors.push(
      limit.max < MAX_LINE_QUANTITY
        ? cartErrors.insufficientStock(limit.available, [...field, 'quantity'])
        : cartErrors.invalidQuantity([...field, 'quantity']),
    );
  }
  if (currencies.size > 1) errors.push(cartErrors.currencyMismatch(['lines']));
  return { lines: [...merged.values()], limits, currencyCode: [...currencies][0] ?? null, errors };
}

/**
 * Checks quantity changes of a cart's lines: 0 to 99 (0 removes), line ids of this
 * cart. A line named twice takes its last quantity. Stock and existence are checked
 * by the store.
 */
export function checkUpdates(
  cartId: string,
  requested: Array<{ lineId: string; quantity: number }>,
): { updates: LineUpdate[]; variantIds: string[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const byLine = new Map<string, LineUpdate>();
  requested.forEach((update, index) => {
    if (!isQuantity(update.quantity, 0)) {
      errors.push(cartErrors.invalidQuantity(['lines', String(index), 'quantity']));
    } else if (variantOfLine(cartId, update.lineId) === null) {
      errors.push(cartErrors.lineNotFound(['lines', String(index), 'lineId']));
    } else {
      byLine.delete(update.lineId);
      byLine.set(update.lineId, { lineId: update.lineId, quantity: update.quantity, index });
    }
  });
  const updates = [...byLine.values()];
  const variantIds = updates.filter((u) => u.quantity > 0).map((u) => variantOfLine(cartId, u.lineId) as string);
  return { updates, variantIds: askableVariants(variantIds), errors };
}

/** Line ids to remove: each must be one of this cart's (the store checks it exists). */
export function checkRemovals(cartId: string, lineIds: string[]): { removals: LineRemoval[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const removals = new Map<string, LineRemoval>();
  lineIds.forEach((lineId, index) => {
    if (variantOfLine(cartId, lineId) === null) errors.push(cartErrors.lineNotFound(['lineIds', String(index)]));
    else if (!removals.has(lineId)) removals.set(lineId, { lineId, index });
  });
  return { removals: [...removals.values()], errors };
}
