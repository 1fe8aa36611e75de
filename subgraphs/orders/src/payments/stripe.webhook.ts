import type { Logger } from '@storegraph/logger';
import express from 'express';
import type Stripe from 'stripe';
import type { PaymentState } from '../domain/ports.js';
import type { OrderLifecycle } from '../workflows/order-lifecycle.js';

/** Stripe's recommended tolerance: a signature older than five minutes is a replay. */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

const STATUS_OF_EVENT: Record<string, PaymentState> = {
  'payment_intent.succeeded': 'SUCCEEDED',
  'payment_intent.processing': 'PROCESSING',
  'payment_intent.requires_action': 'REQUIRES_ACTION',
  'payment_intent.payment_failed': 'FAILED',
  'payment_intent.canceled': 'FAILED',
};

/**
 * POST /webhooks/stripe. The signature (`Stripe-Signature`) is verified over the raw
 * body with a 300 s tolerance before anything is parsed or trusted. Each event is
 * applied once (by its id) and may arrive in any order: the payment's status only
 * moves forward (see domain/payment-events.ts). A 500 makes Stripe retry.
 */
export function stripeWebhookRouter(deps: {
  stripe: Stripe;
  webhookSecret: string;
  lifecycle: OrderLifecycle;
  logger: Logger;
  /** The clock signatures are checked against; tests move it. */
  now?: () => number;
}): express.Router {
  const router = express.Router();
  router.post('/webhooks/stripe', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
    const signature = req.headers['stripe-signature'];
    let event: Stripe.Event;
    try {
      if (typeof signature !== 'string' || !Buffer.isBuffer(req.body)) throw new Error('no signature');
      event = deps.stripe.webhooks.constructEvent(
        req.body,
        signature,
        deps.webhookSecret,
        STRIPE_SIGNATURE_TOLERANCE_SECONDS,
        undefined,
        deps.now?.(),
      );
    } catch {
      res.status(400).json({ error: 'invalid signature' });
      return;
    }
    const status = STATUS_OF_EVENT[event.type];
    const intent = event.data.object as { metadata?: Record<string, string> };
    const paymentId = intent.metadata?.paymentId;
    if (!status || !paymentId) {
      res.json({ received: true, outcome: 'IGNORED' });
      return;
    }
    try {
      const outcome = await deps.lifecycle.applyPaymentEvent({
        provider: 'STRIPE',
        eventId: event.id,
        type: event.type,
        paymentId,
        status,
      });
      if (outcome === 'UNKNOWN_PAYMENT') deps.logger.warn({ eventId: event.id }, 'stripe event for an unknown payment');
      res.json({ received: true, outcome });
    } catch (error) {
      deps.logger.error({ err: error, eventId: event.id }, 'stripe event not applied');
      res.status(500).json({ error: 'internal error' });
    }
  });
  return router;
}
