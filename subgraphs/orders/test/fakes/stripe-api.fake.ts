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
}

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
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
        res.end(JSON.stringify(body));
      };
      const failure = this.failNext.shift();
      if (failure) return send(failure, { error: { type: 'api_error', message: 'fake failure' } });
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
    await new Promise((resolve) => this.server?.close(resolve));
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
