import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePayPalOrder {
  id: string;
  status: 'CREATED' | 'APPROVED' | 'COMPLETED' | 'VOIDED';
  intent: string;
  purchase_units: Array<{
    reference_id?: string;
    custom_id?: string;
    invoice_id?: string;
    amount: { currency_code: string; value: string };
    payments?: { captures: Array<{ id: string; status: string; custom_id?: string }> };
  }>;
  links: Array<{ href: string; rel: string; method: string }>;
  /** Where PayPal sends the buyer back: after approving (return) or giving up (cancel). */
  application_context?: {
    return_url?: string;
    cancel_url?: string;
    user_action?: string;
    shipping_preference?: string;
  };
}

export interface RecordedCall {
  method: string;
  path: string;
  requestId: string | undefined;
  body: any;
}

const id = (n = 8) => randomBytes(n).toString('hex').toUpperCase();

async function jsonOf(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return text.startsWith('{') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  } catch {
    return {};
  }
}

/**
 * A local fake of the parts of PayPal's REST API we call: OAuth client credentials,
 * Orders v2 create/get/capture, capture refunds and webhook signature verification.
 * Like PayPal, a repeated `PayPal-Request-Id` answers the first successful response.
 */
export class FakePayPalApi {
  readonly orders = new Map<string, FakePayPalOrder>();
  readonly refunds: Array<{ id: string; captureId: string }> = [];
  readonly calls: RecordedCall[] = [];
  /** Transmission signatures the verification endpoint accepts. */
  readonly validSignatures = new Set<string>();
  private readonly replies = new Map<string, { status: number; body: unknown }>();
  private readonly tokens = new Set<string>();
  private server: Server | undefined;

  constructor(private readonly credentials: { clientId: string; clientSecret: string; webhookId: string }) {}

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const body = await jsonOf(req);
      const path = (req.url ?? '').split('?')[0] as string;
      const requestId = req.headers['paypal-request-id'] as string | undefined;
      this.calls.push({ method: req.method ?? '', path, requestId, body });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'paypal-debug-id': id(6) });
        res.end(JSON.stringify(payload));
      };
      if (path === '/v1/oauth2/token') {
        const expected = `Basic ${Buffer.from(`${this.credentials.clientId}:${this.credentials.clientSecret}`).toString('base64')}`;
        if (req.headers.authorization !== expected || body.grant_type !== 'client_credentials') {
          return send(401, { error: 'invalid_client' });
        }
        const token = `A21AA${id(16)}`;
        this.tokens.add(token);
        return send(200, {
          access_token: token,
          token_type: 'Bearer',
          expires_in: 32400,
          scope: 'https://uri.paypal.com/services/payments',
        });
      }
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!this.tokens.has(bearer)) return send(401, { name: 'AUTHENTICATION_FAILURE' });
      const replayKey = requestId ? `${req.method} ${path} ${requestId}` : undefined;
      const replay = replayKey ? this.replies.get(replayKey) : undefined;
      if (replay) return send(replay.status, replay.body);
      const reply = this.handle(req.method ?? '', path, body);
      // Only successful answers are replayed: a refused capture (not approved yet) may be retried once approved.
      if (replayKey && reply.status < 300) this.replies.set(replayKey, reply);
      send(reply.status, reply.body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The buyer approves the order at PayPal. */
  approve(orderId: string): FakePayPalOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    order.status = 'APPROVED';
    return order;
  }

  /**
   * Where PayPal's approval page sends the buyer: the order's return address with
   * PayPal's `token` (its order id) and `PayerID` once approved, its cancel address
   * with `token` when the buyer gives up.
   */
  redirectAfter(orderId: string, approved: boolean): string {
    const order = approved ? this.approve(orderId) : this.orders.get(orderId);
    const target = approved ? order?.application_context?.return_url : order?.application_context?.cancel_url;
    if (!target) throw new Error(`order ${orderId} has no ${approved ? 'return' : 'cancel'} address`);
    const url = new URL(target);
    url.searchParams.set('token', orderId);
    if (approved) url.searchParams.set('PayerID', 'PAYER7E2E');
    return url.href;
  }

  /**
   * Posts a webhook event to `url` with PayPal's transmission headers. The signature is
   * one the verification endpoint accepts unless another is given (a forgery).
   */
  async sendWebhook(url: string, event: unknown, signature?: string): Promise<{ status: number; body: any }> {
    const transmission = signature ?? `SIG-${id(12)}`;
    if (!signature) this.validSignatures.add(transmission);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'paypal-auth-algo': 'SHA256withRSA',
        'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1',
        'paypal-transmission-id': randomBytes(16).toString('hex'),
        'paypal-transmission-sig': transmission,
        'paypal-transmission-time': new Date().toISOString(),
      },
      body: JSON.stringify(event),
    });
    return { status: response.status, body: await response.json() };
  }

  /** PayPal's CHECKOUT.ORDER.APPROVED webhook event for an order. */
  approvedEvent(orderId: string): { id: string; event_type: string; resource: FakePayPalOrder } {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    return { id: `WH-${id(10)}`, event_type: 'CHECKOUT.ORDER.APPROVED', resource: structuredClone(order) };
  }

  private handle(method: string, path: string, body: any): { status: number; body: unknown } {
    const unprocessable = (issue: string) => ({
      status: 422,
      body: { name: 'UNPROCESSABLE_ENTITY', details: [{ issue }] },
    });
    if (method === 'POST' && path === '/v2/checkout/orders') {
      const orderId = id();
      const order: FakePayPalOrder = {
        id: orderId,
        status: 'CREATED',
        intent: body.intent,
        purchase_units: body.purchase_units,
        application_context: body.application_context,
        links: [
          { href: `https://www.sandbox.paypal.com/checkoutnow?token=${orderId}`, rel: 'approve', method: 'GET' },
          { href: `/v2/checkout/orders/${orderId}`, rel: 'self', method: 'GET' },
        ],
      };
      this.orders.set(orderId, order);
      return { status: 201, body: order };
    }
    const orderMatch = /^\/v2\/checkout\/orders\/([^/]+)(\/capture)?$/.exec(path);
    if (orderMatch) {
      const order = this.orders.get(orderMatch[1] as string);
      if (!order) return { status: 404, body: { name: 'RESOURCE_NOT_FOUND' } };
      if (method === 'GET') return { status: 200, body: order };
      if (method === 'POST' && orderMatch[2]) {
        if (order.status === 'COMPLETED') return unprocessable('ORDER_ALREADY_CAPTURED');
        if (order.status !== 'APPROVED') return unprocessable('ORDER_NOT_APPROVED');
        order.status = 'COMPLETED';
        const unit = order.purchase_units[0];
        if (unit) unit.payments = { captures: [{ id: `CAP${id()}`, status: 'COMPLETED', custom_id: unit.custom_id }] };
        return { status: 201, body: order };
      }
    }
    const refundMatch = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(path);
    if (method === 'POST' && refundMatch) {
      const captureId = refundMatch[1] as string;
      const known = [...this.orders.values()].some((o) =>
        o.purchase_units[0]?.payments?.captures.some((c) => c.id === captureId),
      );
      if (!known) return { status: 404, body: { name: 'RESOURCE_NOT_FOUND' } };
      const refund = { id: `REF${id()}`, status: 'COMPLETED', captureId };
      this.refunds.push(refund);
      return { status: 201, body: { id: refund.id, status: 'COMPLETED' } };
    }
    if (method === 'POST' && path === '/v1/notifications/verify-webhook-signature') {
      const ok =
        body.webhook_id === this.credentials.webhookId &&
        typeof body.transmission_sig === 'string' &&
        this.validSignatures.has(body.transmission_sig) &&
        typeof body.webhook_event?.id === 'string';
      return { status: 200, body: { verification_status: ok ? 'SUCCESS' : 'FAILURE' } };
    }
    return { status: 404, body: { name: 'RESOURCE_NOT_FOUND' } };
  }
}
