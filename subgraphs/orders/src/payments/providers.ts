import type { Logger } from '@storegraph/logger';
import type express from 'express';
import type { OrdersConfig } from '../config.js';
import type { PaymentProvider } from '../domain/ports.js';
import type { OrdersDomain } from '../orders-domain.js';
import { PayPalPaymentProvider } from './paypal.provider.js';
import { paypalWebhookRouter } from './paypal.webhook.js';
import { StripePaymentProvider } from './stripe.provider.js';
import { stripeWebhookRouter } from './stripe.webhook.js';
import { TestPaymentProvider } from './test.provider.js';

/** The providers PAYMENT_PROVIDERS enables, with their webhook endpoints; secrets come from the environment only. */
export function enabledProviders(config: OrdersConfig, logger: Logger) {
  const providers: PaymentProvider[] = [];
  const webhookFactories: Array<(domain: OrdersDomain) => express.Router> = [];
  for (const name of config.PAYMENT_PROVIDERS) {
    if (name === 'STRIPE') {
      const stripe = new StripePaymentProvider({ secretKey: config.STRIPE_SECRET_KEY as string });
      providers.push(stripe);
      webhookFactories.push((domain) =>
        stripeWebhookRouter({
          stripe: stripe.stripe,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET as string,
          lifecycle: domain.lifecycle,
          logger,
        }),
      );
    }
    if (name === 'PAYPAL') {
      const paypal = new PayPalPaymentProvider({
        clientId: config.PAYPAL_CLIENT_ID as string,
        clientSecret: config.PAYPAL_CLIENT_SECRET as string,
        environment: config.PAYPAL_ENVIRONMENT,
        returnUrl: config.PAYPAL_RETURN_URL,
        cancelUrl: config.PAYPAL_CANCEL_URL,
      });
      providers.push(paypal);
      webhookFactories.push((domain) =>
        paypalWebhookRouter({
          paypal,
          webhookId: config.PAYPAL_WEBHOOK_ID as string,
          lifecycle: domain.lifecycle,
          logger,
        }),
      );
    }
    if (name === 'TEST') {
      providers.push(
        new TestPaymentProvider({
          nodeEnv: config.NODE_ENV,
          delayMs: config.TEST_PAYMENT_DELAY_MS,
          onDeliveryError: (error, event) =>
            logger.error({ err: error, paymentId: event.paymentId }, 'TEST payment event not applied'),
        }),
      );
    }
  }
  return { providers, webhooks: (domain: OrdersDomain) => webhookFactories.map((make) => make(domain)) };
}
