import type { Logger } from '@storegraph/logger';
import express from 'express';
import type { PaymentState } from '../domain/ports.js';
import type { OrderLifecycle } from '../workflows/order-lifecycle.js';
import type { PayPalPaymentProvider } from './paypal.provider.js';

const STATUS_OF_EVENT: Record<string, PaymentState> = {
  'PAYMENT.CAPTURE.COMPLETED': 'SUCCEEDED',
  'PAYMENT.CAPTURE.DENIED': 'FAILED',
  'PAYMENT.CAPTURE.REFUNDED': 'REFUNDED',
};

/** The buyer approved the order at PayPal; its resource is the Orders v2 order. */
const APPROVED = 'CHECKOUT.ORDER.APPROVED';

const HEADERS = {
  auth_algo: 'paypal-auth-algo',
  cert_url: 'paypal-cert-url',
  transmission_id: 'paypal-transmission-id',
  transmission_sig: 'paypal-transmission-sig',
  transmission_time: 'paypal-transmission-time',
} as const;

/**
 * POST /webhooks/paypal. Each event is verified with PayPal
 * (`/v1/notifications/verify-webhook-signature`, with our webhook id) before anything
 * in it is trusted; applied once by event id, in any order (status precedence).
 */
export function paypalWebhookRouter(deps: {
  paypal: PayPalPaymentProvider;
  webhookId: string;
  lifecycle: OrderLifecycle;
  logger: Logger;
}): express.Router {
  const router = express.Router();
  router.post('/webhooks/paypal', express.json({ limit: '256kb' }), async (req, res) => {
    const event = req.body as
      | {
          id?: unknown;
          event_type?: unknown;
          resource?: { id?: unknown; custom_id?: unknown; purchase_units?: Array<{ custom_id?: unknown }> };
        }
      | undefined;
    const headers = Object.fromEntries(Object.entries(HEADERS).map(([field, name]) => [field, req.headers[name]]));
    if (!event || typeof event.id !== 'string' || Object.values(headers).some((v) => typeof v !== 'string')) {
      res.status(400).json({ error: 'invalid webhook' });
      return;
    }
    try {
      const verification = await fetch(new URL('/v1/notifications/verify-webhook-signature', deps.paypal.apiBaseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${await deps.paypal.accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...headers, webhook_id: deps.webhookId, webhook_event: event }),
        signal: AbortSignal.timeout(10_000),
      });
      const verdict = (await verification.json().catch(() => null)) as { verification_status?: string } | null;
      if (!verification.ok) throw new Error(`verification answered ${verification.status}`);
      if (verdict?.verification_status !== 'SUCCESS') {
        res.status(400).json({ error: 'invalid signature' });
        return;
      }
      if (event.event_type === APPROVED) {
        // The buyer approved at PayPal: capture now, so the order is paid even when the
        // buyer never comes back to the shop's return page (which captures too; PayPal
        // answers a repeated capture, by its PayPal-Request-Id, without capturing twice).
        const paymentId = event.resource?.purchase_units?.[0]?.custom_id;
        const paypalOrderId = event.resource?.id;
        if (typeof paymentId !== 'string' || typeof paypalOrderId !== 'string') {
          res.json({ received: true, outcome: 'IGNORED' });
          return;
        }
        const outcome = await deps.lifecycle.captureApproved({
          provider: 'PAYPAL',
          paymentId,
          providerRef: paypalOrderId,
        });
        res.json({ received: true, outcome });
        return;
      }
      const status = typeof event.event_type === 'string' ? STATUS_OF_EVENT[event.event_type] : undefined;
      const paymentId = event.resource?.custom_id;
      if (!status || typeof paymentId !== 'string') {
        res.json({ received: true, outcome: 'IGNORED' });
        return;
      }
      const outcome = await deps.lifecycle.applyPaymentEvent({
        provider: 'PAYPAL',
        eventId: event.id,
        type: String(event.event_type),
        paymentId,
        status,
      });
      res.json({ received: true, outcome });
    } catch (error) {
      deps.logger.error({ err: error, eventId: event.id }, 'paypal event not applied');
      res.status(500).json({ error: 'internal error' });
    }
  });
  return router;
}
