import type { CheckoutFieldError, QuoteRequest } from '../domain/checkout-input.js';
import {
  cartRefusal,
  mergeLines,
  type PricedCheckout,
  priceCheckout,
  shortageErrors,
} from '../domain/checkout-pricing.js';
import type { CartPort, InventoryPort } from '../domain/ports.js';
import type { PricingTables } from '../domain/pricing.js';

export type QuoteOutcome = { kind: 'QUOTE'; quote: PricedCheckout } | { kind: 'REFUSED'; errors: CheckoutFieldError[] };

/**
 * The checkout's price preview (`checkoutQuote`): the cart's lines read as the saga
 * reads them but without locking the cart, priced by the catalog as a reservation would
 * price them but without holding stock, then the saga's own pricing step
 * (`priceCheckout`). The order placed right after for the same cart and address has
 * the same subtotal, shipping, tax and total, unless the cart or a price changed in
 * between. Guests may quote guest carts (whose id they hold); a customer's cart only
 * for that customer.
 */
export class CheckoutQuotes {
  constructor(private readonly deps: { cart: CartPort; inventory: InventoryPort; pricing?: PricingTables }) {}

  async quote(request: QuoteRequest, customerId: string | null): Promise<QuoteOutcome> {
    const read = await this.deps.cart.contents(request.cartId, customerId);
    if (read.status !== 'FOUND') return { kind: 'REFUSED', errors: [cartRefusal(read.status)] };
    const sale = await this.deps.inventory.quote(mergeLines(read.contents.lines));
    if (sale.status !== 'PRICED') return { kind: 'REFUSED', errors: shortageErrors(sale.shortages) };
    const pricing = priceCheckout(sale.lines, request.shippingAddress, this.deps.pricing);
    return pricing.ok ? { kind: 'QUOTE', quote: pricing.priced } : { kind: 'REFUSED', errors: [pricing.error] };
  }
}
