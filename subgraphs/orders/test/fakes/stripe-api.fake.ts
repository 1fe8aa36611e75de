import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  created: number;
  last_payment_error?: { type: string; code: string; decline_code?: string; message: string } | null;
  next_action?: { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string } } | null;
}

/**
 * Where the fake sends webhooks, as Stripe would after a browser confirmed a payment:
 * the orders service's endpoint, its signing secret, and the SDK's signing helper.
 */
export interface FakeWebhookTarget {
  url: string;
  secret: string;
  sign(options: { payload: string; secret: string }): string;
}

/** Stripe's test card numbers the fake knows, and what confirming with them does. */
export const TEST_CARD_OUTCOMES: Record<
  string,
  | { outcome: 'succeeded' }
  | { outcome: 'declined'; code: string; declineCode: string; message: string }
  | { outcome: '3ds' }
> = {
  '4242424242424242': { outcome: 'succeeded' },
  '4000000000000002': {
    outcome: 'declined',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: 'Your card was declined.',
  },
  '4000000000009995': {
    outcome: 'declined',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000002500003155': { outcome: '3ds' },
};

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  form: Record<string, string>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local fake of the parts of Stripe's API we call (PaymentIntents create, retrieve,
 * cancel; Refunds create), spoken to by the real `stripe` SDK. Like Stripe, it answers
 * a repeated idempotency key with the first response.
 */
export class FakeStripeApi {
  readonly intents = new Map<string, FakeIntent>();
  readonly refunds: Array<{ id: string; payment_intent: string; amount: number }> = [];
  readonly requests: RecordedRequest[] = [];
  private readonly replies = new Map<string, { status: number; body: unknown }>();
  private server: Server | undefined;
  /** Answer the next requests with this status (e.g. 500, to test retries). */
  failNext: Array<number> = [];
  /** When set, confirmations from the browser are followed by a signed webhook, as Stripe sends them. */
  webhooks: FakeWebhookTarget | undefined;
  /** Every webhook sent: the event and the endpoint's answer (or the error). */
  readonly deliveries: Array<{ type: string; intentId: string; status: number | string }> = [];
  private pending: Promise<unknown>[] = [];

  async start(): Promise<{ host: string; port: number; protocol: 'http' }> {
    this.server = createServer(async (req, res) => {
      const form = Object.fromEntries(new URLSearchParams(await bodyOf(req)));
      const path = (req.url ?? '').split('?')[0] as string;
      const key = req.headers['idempotency-key'] as string | undefined;
      this.requests.push({
        method: req.method ?? '',
        path,
        idempotencyKey: key,
        authorization: req.headers.authorization,
        form,
      });
      const send = (status: number, body: unknown) => {
        // Stripe's API answers browsers (Stripe.js) from any origin.
        res.writeHead(status, {
          'content-type': 'application/json',
          'request-id': id('req'),
          'access-control-allow-origin': '*',
        });
        res.end(JSON.stringify(body));
      };
      const failure = this.failNext.shift();
      if (failure) return send(failure, { error: { type: 'api_error', message: 'fake failure' } });
      // Stripe.js confirms with the publishable key and the PaymentIntent's client secret.
      const confirm = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(path);
      if (req.method === 'POST' && confirm && form.key?.startsWith('pk_test_')) {
        const reply = this.confirmFromBrowser(confirm[1] as string, form);
        return send(reply.status, reply.body);
      }
      if (!req.headers.authorization?.startsWith('Bearer sk_test_')) {
        return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      }
      const replayKey = key ? `${req.method} ${path} ${key}` : undefined;
      const replay = replayKey ? this.replies.get(replayKey) : undefined;
      if (replay) return send(replay.status, replay.body);
      const reply = this.handle(req.method ?? '', path, form);
      if (replayKey) this.replies.set(replayKey, reply);
      send(reply.status, reply.body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return { host: '127.0.0.1', port: (this.server.address() as AddressInfo).port, protocol: 'http' };
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.pending);
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The 3-D Secure page's answer (the bank's): the payment goes through or fails, and Stripe says so by webhook. */
  completeAuthentication(intentId: string, approved: boolean): FakeIntent {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`no intent ${intentId}`);
    if (intent.status !== 'requires_action') throw new Error(`intent ${intentId} is not awaiting authentication`);
    intent.next_action = null;
    if (approved) {
      intent.status = 'succeeded';
      this.sendWebhook('payment_intent.succeeded', intent);
    } else {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'payment_intent_authentication_failure',
        message: 'We are unable to authenticate your payment method.',
      };
      this.sendWebhook('payment_intent.payment_failed', intent);
    }
    return intent;
  }

  /** POST /v1/payment_intents/:id/confirm from Stripe.js, with a test card number. */
  private confirmFromBrowser(intentId: string, form: Record<string, string>): { status: number; body: unknown } {
    const intent = this.intents.get(intentId);
    if (!intent || form.client_secret !== intent.client_secret) {
      return {
        status: 404,
        body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } },
      };
    }
    if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') {
      return {
        status: 400,
        body: {
          error: {
            type: 'invalid_request_error',
            code: 'payment_intent_unexpected_state',
            message: `This PaymentIntent's status is ${intent.status}.`,
          },
        },
      };
    }
    const number = (form['payment_method_data[card][number]'] ?? '').replace(/\s/g, '');
    const card = TEST_CARD_OUTCOMES[number];
    if (!card) {
      return {
        status: 402,
        body: {
          error: { type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.' },
        },
      };
    }
    if (card.outcome === 'succeeded') {
      intent.status = 'succeeded';
      intent.last_payment_error = null;
      this.sendWebhook('payment_intent.succeeded', intent);
      return { status: 200, body: intent };
    }
    if (card.outcome === '3ds') {
      intent.status = 'requires_action';
      intent.next_action = {
        type: 'redirect_to_url',
        redirect_to_url: {
          url: `https://hooks.stripe.com/3d_secure_2/authenticate/${intent.id}`,
          return_url: form.return_url ?? '',
        },
      };
      return { status: 200, body: intent };
    }
    // A decline leaves the PaymentIntent waiting for another payment method, and Stripe
    // sends payment_intent.payment_failed.
    intent.status = 'requires_payment_method';
    intent.last_payment_error = {
      type: 'card_error',
      code: card.code,
      decline_code: card.declineCode,
      message: card.message,
    };
    this.sendWebhook('payment_intent.payment_failed', intent);
    return {
      status: 402,
      body: {
        error: {
          type: 'card_error',
          code: card.code,
          decline_code: card.declineCode,
          message: card.message,
          payment_intent: intent,
        },
      },
    };
  }

  private sendWebhook(type: string, intent: FakeIntent): void {
    const target = this.webhooks;
    if (!target) return;
    const payload = JSON.stringify({
      id: id('evt'),
      object: 'event',
      type,
      created: Math.floor(Date.now() / 1000),
      data: { object: { ...intent } },
    });
    const delivery = fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': target.sign({ payload, secret: target.secret }),
      },
      body: payload,
    })
      .then((res) => this.deliveries.push({ type, intentId: intent.id, status: res.status }))
      .catch((error: Error) => this.deliveries.push({ type, intentId: intent.id, status: error.message }));
    this.pending.push(delivery);
  }

  /** Moves an intent to a new status, as the buyer's browser and Stripe would. */
  setStatus(intentId: string, status: string): FakeIntent {
    const intent = this.intents.get(intentId);
    if (!intent) throw new Error(`no intent ${intentId}`);
    intent.status = status;
    return intent;
  }

  private handle(method: string, path: string, form: Record<string, string>): { status: number; body: unknown } {
    const notFound = { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing' } } };
    if (method === 'POST' && path === '/v1/payment_intents') {
      const amount = Number(form.amount);
      if (!Number.isInteger(amount) || amount < 1 || !form.currency) {
        return { status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_invalid_integer' } } };
      }
      const intentId = id('pi');
      const metadata = Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k.startsWith('metadata['))
          .map(([k, v]) => [k.slice(9, -1), v]),
      );
      const intent: FakeIntent = {
        id: intentId,
        object: 'payment_intent',
        amount,
        currency: form.currency,
        status: 'requires_payment_method',
        client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
        metadata,
        created: Math.floor(Date.now() / 1000),
      };
      this.intents.set(intentId, intent);
      return { status: 200, body: intent };
    }
    const intentMatch = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(path);
    if (intentMatch) {
      const intent = this.intents.get(intentMatch[1] as string);
      if (!intent) return notFound;
      if (method === 'GET') return { status: 200, body: intent };
      if (method === 'POST' && intentMatch[2]) {
        if (intent.status === 'succeeded' || intent.status === 'canceled') {
          return {
            status: 400,
            body: { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' } },
          };
        }
        intent.status = 'canceled';
        return { status: 200, body: intent };
      }
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = this.intents.get(form.payment_intent ?? '');
      if (!intent) return notFound;
      if (intent.status !== 'succeeded') {
        return { status: 400, body: { error: { type: 'invalid_request_error', code: 'charge_not_succeeded' } } };
      }
      const refund = {
        id: id('re'),
        object: 'refund',
        payment_intent: intent.id,
        amount: intent.amount,
        status: 'succeeded',
      };
      this.refunds.push(refund);
      return { status: 200, body: refund };
    }
    return notFound;
  }
}
