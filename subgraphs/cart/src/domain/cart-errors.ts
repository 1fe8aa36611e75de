import { type UserError, userError } from '@storegraph/graphql-kit';
import { MAX_LINE_QUANTITY, MAX_LINES, MIN_LINE_QUANTITY } from './cart.js';
import type { CartProblem, CartProblemCode } from './cart-store.js';

type Field = string[] | null;

const already = (inCart: number | undefined) => (inCart ? `; this cart already has ${inCart}` : '');

/** Every cart userError, worded in one place. */
export const cartErrors = {
  invalidQuantity: (field: Field, inCart?: number) =>
    userError(
      'INVALID_QUANTITY',
      inCart
        ? `A cart line holds at most ${MAX_LINE_QUANTITY}${already(inCart)}.`
        : `Quantity must be between ${MIN_LINE_QUANTITY} and ${MAX_LINE_QUANTITY}.`,
      field,
    ),
  insufficientStock: (available: number, field: Field, inCart?: number) =>
    userError('INSUFFICIENT_STOCK', `Only ${available} available${already(inCart)}.`, field),
  cartFull: (field: Field, skipped?: number) =>
    userError(
      'CART_FULL',
      skipped
        ? `A cart holds at most ${MAX_LINES} lines; ${skipped} line(s) were left out.`
        : `A cart holds at most ${MAX_LINES} lines.`,
      field,
    ),
  currencyMismatch: (field: Field, cartCurrency?: string) =>
    userError(
      'CURRENCY_MISMATCH',
      cartCurrency
        ? `This cart holds items priced in ${cartCurrency}; a cart holds items of one currency only.`
        : 'A cart holds items of one currency only.',
      field,
    ),
  variantNotFound: (field: Field) => userError('VARIANT_NOT_FOUND', 'This product variant does not exist.', field),
  lineNotFound: (field: Field) => userError('LINE_NOT_FOUND', 'This cart has no such line.', field),
  cartNotFound: (field: Field) => userError('CART_NOT_FOUND', 'No such cart.', field),
  cartLocked: (field: Field) =>
    userError('CART_LOCKED', 'This cart is being checked out; it cannot change until the checkout ends.', field),
};

const WORDING: Record<CartProblemCode, (p: CartProblem, field: Field) => UserError> = {
  INSUFFICIENT_STOCK: (p, field) => cartErrors.insufficientStock(p.available ?? 0, field, p.inCart),
  INVALID_QUANTITY: (p, field) => cartErrors.invalidQuantity(field, p.inCart),
  CART_FULL: (p, field) => cartErrors.cartFull(field, p.skipped),
  CURRENCY_MISMATCH: (p, field) => cartErrors.currencyMismatch(field, p.currencyCode),
  VARIANT_NOT_FOUND: (_p, field) => cartErrors.variantNotFound(field),
  LINE_NOT_FOUND: (_p, field) => cartErrors.lineNotFound(field),
  CART_NOT_FOUND: (_p, field) => cartErrors.cartNotFound(field),
  CART_LOCKED: (_p, field) => cartErrors.cartLocked(field),
};

/** The store's problems as userErrors; `fieldOf` says which input each one is about. */
export function userErrorsOf(problems: CartProblem[], fieldOf: (problem: CartProblem) => Field): UserError[] {
  return problems.map((p) => WORDING[p.code](p, fieldOf(p)));
}
