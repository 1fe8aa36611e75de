import type { UserError, Viewer } from '@storegraph/graphql-kit';
import { CART_ID_SHAPE, type CartRecord, type CartStore, type CatalogPort, lineIdFor, newCartId } from './cart.js';
import { type LineRequest, validateLines } from './cart-input.js';

export interface CartServiceOptions {
  guestTtlSeconds: number;
  now?: () => Date;
}

export class CartService {
  private readonly now: () => Date;

  constructor(
    private readonly store: CartStore,
    private readonly catalog: CatalogPort,
    private readonly options: CartServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** A guest cart, optionally with first lines; nothing is stored when a line is refused. */
  async create(lines: LineRequest[]): Promise<{ cart: CartRecord | null; userErrors: UserError[] }> {
    const variantIds = [...new Set(lines.map((l) => l.variantId))];
    const offers = variantIds.length > 0 ? await this.catalog.offers(variantIds) : new Map();
    const checked = validateLines(lines, offers);
    if (checked.errors.length > 0) return { cart: null, userErrors: checked.errors };
    const id = newCartId();
    const at = this.now().toISOString();
    const cart: CartRecord = {
      id,
      ownerId: null,
      lines: checked.lines.map((l) => ({ id: lineIdFor(id, l.variantId), ...l })),
      createdAt: at,
      updatedAt: at,
    };
    await this.store.create(cart, this.options.guestTtlSeconds);
    return { cart, userErrors: [] };
  }

  /** A guest cart by its id; a customer's cart only for that customer (or an admin). */
  async get(id: string, viewer: Viewer | null): Promise<CartRecord | null> {
    if (!CART_ID_SHAPE.test(id)) return null;
    const cart = await this.store.get(id);
    if (!cart) return null;
    if (cart.ownerId !== null && viewer?.userId !== cart.ownerId && viewer?.role !== 'ADMIN') return null;
    return cart;
  }
}
