// The storefront's own operations (storefront/src/cart.tsx, storefront/src/pages/checkout.tsx),
// so the bench asks the router what a shopper's browser asks.
import { randomUUID } from 'node:crypto';

export const CartCreate = `
  mutation CartCreate($lines: [CartLineInput!]) {
    cartCreate(lines: $lines) {
      cart { id }
      userErrors { code message field }
    }
  }`;

export const Checkout = `
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      order {
        id number status email
        subtotal { amount currencyCode }
        shipping { amount currencyCode }
        tax { amount currencyCode }
        total { amount currencyCode }
      }
      orderToken
      userErrors { code message field }
    }
  }`;

/** A guest checkout with the TEST provider's succeeding card. */
export const checkoutInput = (cartId, idempotencyKey) => ({
  cartId,
  email: `buyer-${randomUUID().slice(0, 8)}@example.com`,
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '1 Analytical Way',
    city: 'Springfield',
    region: 'CA',
    postalCode: '90210',
    country: 'US',
  },
  paymentProvider: 'TEST',
  idempotencyKey,
  testPaymentToken: 'tok_visa',
});
