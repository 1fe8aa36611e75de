// The storefront's own operations (its persisted manifest), so the bench asks the router
// what a shopper's browser asks.
import { randomUUID } from 'node:crypto';
import { storefrontOperation } from '../storefront-operations.mjs';

export const CartCreate = storefrontOperation('CartCreate').body;
export const Checkout = storefrontOperation('Checkout').body;

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
