import type { CheckoutFieldError } from './checkout-input.js';
import type { ReservedLine, Shortage } from './ports.js';
import { type PricingResult, type PricingTables, priceOrder } from './pricing.js';

/**
 * The pricing step of a checkout, shared by the checkout saga (on the lines its stock
 * reservation answered) and the checkout quote (on the same lines priced without a
 * reservation): one code path, so a quote and the order placed after it agree.
 */

export const CART_REFUSALS = {
  CART_NOT_FOUND: 'The cart was not found.',
  CART_LOCKED: 'The cart is being checked out already.',
  CART_EMPTY: 'The cart is empty.',
} as const;

export const cartRefusal = (code: keyof typeof CART_REFUSALS): CheckoutFieldError => ({
  code,
  message: CART_REFUSALS[code],
  field: ['input', 'cartId'],
});

/** A cart's lines as the catalog takes them: one per variant, quantities summed. */
export function mergeLines(lines: Array<{ variantId: string; quantity: number }>) {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.variantId, (merged.get(line.variantId) ?? 0) + line.quantity);
  return [...merged].map(([variantId, quantity]) => ({ variantId, quantity }));
}

/** The catalog's shortages as the client's errors. */
export function shortageErrors(shortages: Shortage[]): CheckoutFieldError[] {
  return shortages.map((s) => ({
    code: s.reason === 'VARIANT_NOT_FOUND' ? 'VARIANT_UNAVAILABLE' : 'OUT_OF_STOCK',
    message:
      s.reason === 'VARIANT_NOT_FOUND'
        ? `Variant ${s.variantId} is no longer sold.`
        : `Only ${s.available} of variant ${s.variantId} in stock; ${s.requested} requested.`,
    field: ['input', 'cartId', s.variantId],
  }));
}

export type PricedCheckout = Extract<PricingResult, { ok: true }> & { currencyCode: string };

/** Prices the catalog's sale lines for a destination: one currency, then `priceOrder`. */
export function priceCheckout(
  lines: readonly ReservedLine[],
  destination: { country: string; region: string | null },
  tables?: PricingTables,
): { ok: true; priced: PricedCheckout } | { ok: false; error: CheckoutFieldError } {
  const currencies = new Set(lines.map((l) => l.currencyCode));
  if (currencies.size !== 1) {
    return {
      ok: false,
      error: { code: 'CURRENCY_MISMATCH', message: 'The cart mixes currencies.', field: ['input', 'cartId'] },
    };
  }
  const currencyCode = lines[0]?.currencyCode as string;
  const priced = priceOrder(lines, destination, currencyCode, tables);
  if (!priced.ok) {
    return { ok: false, error: { code: priced.code, message: priced.message, field: ['input', 'shippingAddress'] } };
  }
  return { ok: true, priced: { ...priced, currencyCode } };
}
