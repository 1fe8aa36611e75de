import { type UserError, userError } from '@storegraph/graphql-kit';
import { MAX_LINE_QUANTITY, MAX_LINES, MIN_LINE_QUANTITY, type VariantOffer } from './cart.js';

export interface LineRequest {
  variantId: string;
  quantity: number;
}

/**
 * Checks requested lines against the limits and against the catalog, merging lines
 * of the same variant. Returns the merged lines, or the user errors that refuse them.
 */
export function validateLines(
  requested: LineRequest[],
  offers: Map<string, VariantOffer>,
): { lines: LineRequest[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const merged = new Map<string, number>();
  requested.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < MIN_LINE_QUANTITY || line.quantity > MAX_LINE_QUANTITY) {
      errors.push(
        userError('INVALID_QUANTITY', `Quantity must be between ${MIN_LINE_QUANTITY} and ${MAX_LINE_QUANTITY}.`, [
          'lines',
          String(index),
          'quantity',
        ]),
      );
      return;
    }
    merged.set(line.variantId, (merged.get(line.variantId) ?? 0) + line.quantity);
  });
  if (merged.size > MAX_LINES) {
    errors.push(userError('CART_FULL', `A cart holds at most ${MAX_LINES} lines.`, ['lines']));
  }
  const currencies = new Set<string>();
  let index = 0;
  for (const [variantId, quantity] of merged) {
    const offer = offers.get(variantId);
    const field = ['lines', String(index)];
    index += 1;
    if (!offer) {
      errors.push(userError('VARIANT_NOT_FOUND', 'This product variant does not exist.', [...field, 'variantId']));
      continue;
    }
    currencies.add(offer.currencyCode);
    if (quantity > MAX_LINE_QUANTITY) {
      errors.push(
        userError('INVALID_QUANTITY', `Quantity must be between ${MIN_LINE_QUANTITY} and ${MAX_LINE_QUANTITY}.`, [
          ...field,
          'quantity',
        ]),
      );
    } else if (quantity > offer.quantityAvailable) {
      errors.push(
        userError('INSUFFICIENT_STOCK', `Only ${offer.quantityAvailable} available.`, [...field, 'quantity']),
      );
    }
  }
  if (currencies.size > 1) {
    errors.push(userError('CURRENCY_MISMATCH', 'A cart holds items of one currency only.', ['lines']));
  }
  return { lines: [...merged].map(([variantId, quantity]) => ({ variantId, quantity })), errors };
}
