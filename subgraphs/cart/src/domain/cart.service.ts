import { serviceUnavailable, type UserError, type Viewer } from '@storegraph/graphql-kit';
import { type CartRecord, type CatalogPort, isCartId, newCartId, type VariantOffer } from './cart.js';
import { cartErrors, userErrorsOf } from './cart-errors.js';
import {
  askableVariants,
  checkAdditions,
  checkRemovals,
  checkUpdates,
  type LineRequest,
  limitsOf,
} from './cart-input.js';
import type { CartOutcome, CartProblem, CartStore, CartTarget } from './cart-store.js';

/** A mutation's answer, with the catalog offers it already holds (to price the cart without asking again). */
export interface CartResult {
  cart: CartRecord | null;
  userErrors: UserError[];
  offers: Map<string, VariantOffer>;
}

/** The field of a line-level problem: `[list, index, leaf]`, or the list itself. */
const lineField =
  (list: string, leafOf: (p: CartProblem) => string | null, cartField: string[] | null) =>
  (p: CartProblem): string[] | null => {
    if (p.code === 'CART_NOT_FOUND' || p.code === 'CART_LOCKED') return cartField;
    if (p.index === undefined) return [list];
    const leaf = leafOf(p);
    return leaf ? [list, String(p.index), leaf] : [list, String(p.index)];
  };

const additionField = (cartField: string[] | null) =>
  lineField('lines', (p) => (p.code === 'VARIANT_NOT_FOUND' ? 'variantId' : 'quantity'), cartField);
const updateField = lineField(
  'lines',
  (p) => (p.code === 'LINE_NOT_FOUND' || p.code === 'VARIANT_NOT_FOUND' ? 'lineId' : 'quantity'),
  ['cartId'],
);
const removalField = lineField('lineIds', () => null, ['cartId']);

const notFound = (field: string[]): CartResult => ({
  cart: null,
  userErrors: [cartErrors.cartNotFound(field)],
  offers: new Map(),
});

/** How many times a merge re-reads a guest cart that changed under it before giving up. */
const MERGE_ATTEMPTS = 3;

/**
 * The cart rules: who may address which cart, what may be added, and in which
 * order the catalog and the store are asked. One catalog call per mutation.
 */
export class CartService {
  constructor(
    private readonly store: CartStore,
    private readonly catalog: CatalogPort,
  ) {}

  private async offers(variantIds: string[]): Promise<Map<string, VariantOffer>> {
    return variantIds.length > 0 ? this.catalog.offers(variantIds) : new Map();
  }

  private result(
    outcome: CartOutcome,
    errors: UserError[],
    fieldOf: (p: CartProblem) => string[] | null,
    offers: Map<string, VariantOffer>,
  ): CartResult {
    // An unknown (or not-yours) cart is all the answer says: nothing about the request.
    const missing = outcome.problems.find((p) => p.code === 'CART_NOT_FOUND');
    if (missing) return notFound(fieldOf(missing) ?? ['cartId']);
    return { cart: outcome.cart, userErrors: [...errors, ...userErrorsOf(outcome.problems, fieldOf)], offers };
  }

  /** A guest cart by its id; a customer's cart only for that customer (or an admin, reading). */
  async get(id: string, viewer: Viewer | null): Promise<CartRecord | null> {
    if (!isCartId(id)) return null;
    const cart = await this.store.get(id);
    if (!cart) return null;
    if (cart.ownerId !== null && viewer?.userId !== cart.ownerId && viewer?.role !== 'ADMIN') return null;
    return cart;
  }

  /** The customer's own cart, created empty on first use. */
  customerCart(customerId: string): Promise<CartRecord> {
    return this.store.customerCart(customerId, newCartId());
  }

  /** A guest gets a new cart; a signed-in customer gets their one cart, with the lines added. */
  create(viewer: Viewer | null, lines: LineRequest[]): Promise<CartResult> {
    const target: CartTarget = viewer
      ? { kind: 'customer', customerId: viewer.userId, newCartId: newCartId() }
      : { kind: 'new-guest', cartId: newCartId() };
    return this.add(target, lines, null);
  }

  addLines(viewer: Viewer | null, cartId: string, lines: LineRequest[]): Promise<CartResult> {
    if (!isCartId(cartId)) return Promise.resolve(notFound(['cartId']));
    return this.add({ kind: 'existing', cartId, viewerId: viewer?.userId ?? null }, lines, ['cartId']);
  }

  private async add(target: CartTarget, lines: LineRequest[], cartField: string[] | null): Promise<CartResult> {
    const offers = await this.offers(askableVariants(lines.map((l) => l.variantId)));
    const checked = checkAdditions(lines, offers);
    const outcome = await this.store.addLines(target, {
      lines: checked.lines,
      limits: checked.limits,
      currencyCode: checked.currencyCode,
      refused: checked.errors.length > 0,
    });
    return this.result(outcome, checked.errors, additionField(cartField), offers);
  }

  async updateLines(
    viewer: Viewer | null,
    cartId: string,
    lines: Array<{ lineId: string; quantity: number }>,
  ): Promise<CartResult> {
    if (!isCartId(cartId)) return notFound(['cartId']);
    const checked = checkUpdates(cartId, lines);
    const offers = await this.offers(checked.variantIds);
    const outcome = await this.store.updateLines(
      { kind: 'existing', cartId, viewerId: viewer?.userId ?? null },
      { updates: checked.updates, limits: limitsOf(offers), refused: checked.errors.length > 0 },
    );
    return this.result(outcome, checked.errors, updateField, offers);
  }

  async removeLines(viewer: Viewer | null, cartId: string, lineIds: string[]): Promise<CartResult> {
    if (!isCartId(cartId)) return notFound(['cartId']);
    const checked = checkRemovals(cartId, lineIds);
    const outcome = await this.store.removeLines(
      { kind: 'existing', cartId, viewerId: viewer?.userId ?? null },
      { removals: checked.removals, refused: checked.errors.length > 0 },
    );
    return this.result(outcome, checked.errors, removalField, new Map());
  }

  /**
   * Moves a guest cart into the customer's cart. Lines beyond a variant's limit or
   * the 100th line are capped or left out (and reported); the guest cart is deleted.
   */
  async merge(customerId: string, guestCartId: string): Promise<CartResult> {
    if (!isCartId(guestCartId)) return notFound(['guestCartId']);
    for (let attempt = 0; attempt < MERGE_ATTEMPTS; attempt += 1) {
      const guest = await this.store.get(guestCartId);
      if (!guest || guest.ownerId !== null) return notFound(['guestCartId']);
      const variantIds = guest.lines.map((l) => l.variantId);
      const offers = await this.offers(askableVariants(variantIds));
      const limits = limitsOf(offers);
      const outcome = await this.store.merge({
        guestCartId,
        customerId,
        newCartId: newCartId(),
        limits,
        unknown: variantIds.filter((id) => !limits[id]),
      });
      if (outcome === 'stale') continue;
      return this.result(outcome, [], () => ['guestCartId'], offers);
    }
    throw serviceUnavailable('The cart kept changing during the merge; please retry.');
  }
}
