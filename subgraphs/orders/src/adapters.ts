/** The orders service's adapters, for composition roots (main.ts, the e2e supergraph). */
export { HttpCartClient } from './data/cart.client.js';
export { UsersCustomerDirectory } from './data/customer.client.js';
export { HttpInventoryClient } from './data/inventory.client.js';
export { OrderTokens } from './domain/order-token.js';
export { PayPalPaymentProvider } from './payments/paypal.provider.js';
export { paypalWebhookRouter } from './payments/paypal.webhook.js';
export { StripePaymentProvider } from './payments/stripe.provider.js';
export { STRIPE_SIGNATURE_TOLERANCE_SECONDS, stripeWebhookRouter } from './payments/stripe.webhook.js';
export { TestPaymentProvider } from './payments/test.provider.js';
export { CheckoutUnavailable, CheckoutWorkflow } from './workflows/checkout.workflow.js';
