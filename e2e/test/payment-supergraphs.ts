import {
  PayPalPaymentProvider,
  paypalWebhookRouter,
  StripePaymentProvider,
  stripeWebhookRouter,
} from '@storegraph/orders/ports';
import { silentLogger } from '@storegraph/testkit';
import type { FakePayPalApi } from '../../subgraphs/orders/test/fakes/paypal-api.fake.js';
import type { FakeStripeApi } from '../../subgraphs/orders/test/fakes/stripe-api.fake.js';
import { type Supergraph, startSupergraph } from './supergraph.js';

export const PAYPAL_CREDENTIALS = {
  clientId: 'paypal-client-e2e',
  clientSecret: 'paypal-secret-e2e',
  webhookId: 'WH-E2E-0001',
};

/**
 * The supergraph with PayPal as its payment provider: the real PayPal server SDK against
 * `fake` (started here), buyers sent back to `shop`'s return and cancel pages, and the
 * orders service's `/webhooks/paypal` (verified with the fake) at `webhookUrl`.
 */
export async function startPayPalSupergraph(
  fake: FakePayPalApi,
  shop = 'http://127.0.0.1:3000',
): Promise<{ sg: Supergraph; webhookUrl: string }> {
  const apiBaseUrl = await fake.start();
  const paypal = new PayPalPaymentProvider({
    ...PAYPAL_CREDENTIALS,
    environment: 'sandbox',
    returnUrl: `${shop}/checkout/paypal/return`,
    cancelUrl: `${shop}/checkout/paypal/cancel`,
    apiBaseUrl,
  });
  const sg = await startSupergraph({
    paymentProviders: [paypal],
    paymentWebhooks: (domain) => [
      paypalWebhookRouter({
        paypal,
        webhookId: PAYPAL_CREDENTIALS.webhookId,
        lifecycle: domain.lifecycle,
        logger: silentLogger(),
      }),
    ],
  });
  return { sg, webhookUrl: String(sg.subgraphUrls.orders).replace(/\/graphql$/, '/webhooks/paypal') };
}

/**
 * The supergraph with Stripe as its payment provider: the real `stripe` SDK against
 * `fake` (started here), and the orders service's `/webhooks/stripe` checking
 * signatures with `webhookSecret`.
 */
export async function startStripeSupergraph(
  fake: FakeStripeApi,
  options: { secretKey: string; webhookSecret: string },
): Promise<{ sg: Supergraph; webhookUrl: string; stripe: StripePaymentProvider; apiUrl: string }> {
  const api = await fake.start();
  const stripe = new StripePaymentProvider({ secretKey: options.secretKey, api });
  const sg = await startSupergraph({
    paymentProviders: [stripe],
    paymentWebhooks: (domain) => [
      stripeWebhookRouter({
        stripe: stripe.stripe,
        webhookSecret: options.webhookSecret,
        lifecycle: domain.lifecycle,
        logger: silentLogger(),
      }),
    ],
  });
  const webhookUrl = String(sg.subgraphUrls.orders).replace(/\/graphql$/, '/webhooks/stripe');
  return { sg, webhookUrl, stripe, apiUrl: `http://${api.host}:${api.port}` };
}
