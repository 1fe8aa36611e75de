import { randomUUID } from 'node:crypto';
import type { StripePaymentProvider } from '@storegraph/orders/ports';
import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStripeApi } from '../../subgraphs/orders/test/fakes/stripe-api.fake.js';
import { CHECKOUT, cartWith, createProduct, guestInput, onHand, waitFor } from './checkout-helpers.js';
import { startStripeSupergraph } from './payment-supergraphs.js';
import type { Supergraph } from './supergraph.js';

const WEBHOOK_SECRET = 'whsec_e2e_0123456789abcdef0123456789';
const fake = new FakeStripeApi();
let sg: Supergraph;
let admin: Record<string, string>;
let webhookUrl: string;
let stripe: StripePaymentProvider;

beforeAll(async () => {
  ({ sg, webhookUrl, stripe } = await startStripeSupergraph(fake, {
    secretKey: 'sk_test_e2e',
    webhookSecret: WEBHOOK_SECRET,
  }));
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 20 });
  admin = await sg.bearer(randomUUID(), 'ADMIN');
});

afterAll(async () => {
  await sg?.stop();
  await fake.stop();
});

/** Stripe's own signing helper, from the SDK. */
const signer = () => stripe.stripe;

function intentEvent(eventId: string, type: string, intentId: string, created = Math.floor(Date.now() / 1000)) {
  const intent = fake.intents.get(intentId);
  return JSON.stringify({
    id: eventId,
    object: 'event',
    type,
    created,
    data: { object: { ...intent, status: type.replace('payment_intent.', '') } },
  });
}

async function deliver(payload: string, options: { timestamp?: number; secret?: string; signature?: string } = {}) {
  const signature =
    options.signature ??
    signer().webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? WEBHOOK_SECRET,
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    });
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'stripe-signature': signature, 'content-type': 'application/json' },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function stripeOrder(price = '25.00') {
  const [v] = await createProduct(sg, admin, [{ price, stock: 5 }]);
  const cartId = await cartWith(sg, [{ variantId: v.id, quantity: 1 }]);
  const res = await sg.gql(CHECKOUT, {
    i: guestInput(cartId, undefined as never, { paymentProvider: 'STRIPE', testPaymentToken: null }),
  });
  expect(res.data.checkout.userErrors).toEqual([]);
  const order = res.data.checkout.order;
  const payment = await sg.prisma.orders.payment.findUniqueOrThrow({ where: { orderId: order.id } });
  return { order, variant: v, payment, intentId: payment.providerRef as string };
}

const statusOf = async (id: string) => (await sg.prisma.orders.order.findUniqueOrThrow({ where: { id } })).status;

describe('Stripe through its SDK against a local fake', () => {
  it('creates a PaymentIntent with the idempotency key and hands out its client secret', async () => {
    const { order, payment, intentId } = await stripeOrder();
    const intent = fake.intents.get(intentId);
    expect(intent).toMatchObject({ amount: Math.round(Number(order.total.amount) * 100), currency: 'usd' });
    expect(intent?.metadata).toMatchObject({ paymentId: payment.id, orderId: order.id });
    const created = fake.requests.find(
      (r) => r.path === '/v1/payment_intents' && r.form['metadata[paymentId]'] === payment.id,
    );
    expect(created?.idempotencyKey).toBe(`sg-payment-${payment.id}`);
    const read = await sg.gql(
      `query($id: ID!) { order(id: $id) { payment { provider status clientSecret } } }`,
      { id: order.id },
      admin,
    );
    expect(read.data.order.payment).toEqual({
      provider: 'STRIPE',
      status: 'REQUIRES_ACTION',
      clientSecret: intent?.client_secret,
    });
    // The same idempotency key gets the same PaymentIntent back (a retried creation after a crash).
    const again = await stripe.create({
      paymentId: payment.id,
      orderId: order.id,
      orderNumber: order.number,
      amountMinor: intent?.amount as number,
      currencyCode: 'USD',
      idempotencyKey: `sg-payment-${payment.id}`,
      testToken: null,
    });
    expect(again.ref).toBe(intentId);
  });

  it('verifies Stripe-Signature over the raw body with a 300 s tolerance', async () => {
    const { order, intentId } = await stripeOrder();
    fake.setStatus(intentId, 'succeeded');
    const payload = intentEvent(`evt_${randomUUID()}`, 'payment_intent.succeeded', intentId);
    expect((await deliver(payload, { secret: 'whsec_someone_else_0123456789' })).status).toBe(400);
    expect((await deliver(payload, { signature: 't=1,v1=deadbeef' })).status).toBe(400);
    const stale = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale).toEqual({ status: 400, body: { error: 'invalid signature' } });
    // The body that was signed, altered by one byte, is refused.
    const signature = signer().webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    expect((await deliver(payload.replace('succeeded', 'succeedeD'), { signature })).status).toBe(400);
    expect(await statusOf(order.id)).toBe('PENDING_PAYMENT');
    const recent = await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 290 });
    expect(recent).toEqual({ status: 200, body: { received: true, outcome: 'APPLIED' } });
    expect(await statusOf(order.id)).toBe('PAID');
  });

  it('ignores a redelivered event and events that arrive out of order', async () => {
    const { order, variant, intentId } = await stripeOrder();
    fake.setStatus(intentId, 'succeeded');
    const succeeded = intentEvent(`evt_${randomUUID()}`, 'payment_intent.succeeded', intentId);
    const processing = intentEvent(
      `evt_${randomUUID()}`,
      'payment_intent.processing',
      intentId,
      Math.floor(Date.now() / 1000) - 5,
    );
    const failed = intentEvent(
      `evt_${randomUUID()}`,
      'payment_intent.payment_failed',
      intentId,
      Math.floor(Date.now() / 1000) - 10,
    );
    expect((await deliver(succeeded)).body.outcome).toBe('APPLIED');
    expect((await deliver(succeeded)).body.outcome).toBe('DUPLICATE');
    expect((await deliver(processing)).body.outcome).toBe('APPLIED');
    expect((await deliver(failed)).body.outcome).toBe('APPLIED');
    expect(await statusOf(order.id)).toBe('PAID');
    const payment = await sg.prisma.orders.payment.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(payment.status).toBe('SUCCEEDED');
    const transitions = await sg.prisma.orders.orderTransition.findMany({ where: { orderId: order.id } });
    expect(transitions.map((t) => t.toStatus).sort()).toEqual(['PAID', 'PENDING_PAYMENT']);
    expect(
      await sg.prisma.orders.paymentEventSeen.count({
        where: { provider: 'STRIPE', eventId: { in: [JSON.parse(succeeded).id] } },
      }),
    ).toBe(1);
    await waitFor(
      () => onHand(sg, variant.id),
      (n) => n === 4,
    );
    expect(await onHand(sg, variant.id)).toBe(4);
  });

  it('fails the order on payment_intent.payment_failed, and refunds a paid order through Stripe with an idempotency key', async () => {
    const failing = await stripeOrder();
    expect(
      (await deliver(intentEvent(`evt_${randomUUID()}`, 'payment_intent.payment_failed', failing.intentId))).status,
    ).toBe(200);
    expect(await statusOf(failing.order.id)).toBe('PAYMENT_FAILED');

    const { order, payment, intentId } = await stripeOrder();
    fake.setStatus(intentId, 'succeeded');
    await deliver(intentEvent(`evt_${randomUUID()}`, 'payment_intent.succeeded', intentId));
    const res = await sg.gql(
      `mutation($id: ID!) { orderRefund(id: $id) { order { status payment { status } } userErrors { code } } }`,
      { id: order.id },
      admin,
    );
    expect(res.data.orderRefund).toEqual({
      order: { status: 'REFUNDED', payment: { status: 'REFUNDED' } },
      userErrors: [],
    });
    const refundCall = fake.requests.find((r) => r.path === '/v1/refunds' && r.form.payment_intent === intentId);
    expect(refundCall?.idempotencyKey).toBe(`sg-refund-${payment.id}`);
    expect(fake.refunds.filter((r) => r.payment_intent === intentId)).toHaveLength(1);
  });

  it('refunds a payment that succeeds after its order was cancelled (no charge without an order)', async () => {
    const { order, intentId } = await stripeOrder();
    expect(await sg.orders.lifecycle.cancelOverdue(new Date(Date.now() + 16 * 60_000))).toBeGreaterThanOrEqual(1);
    expect(await statusOf(order.id)).toBe('CANCELLED');
    expect(fake.intents.get(intentId)?.status).toBe('canceled');
    // Stripe could not cancel in time: the buyer's payment went through anyway.
    fake.setStatus(intentId, 'succeeded');
    expect((await deliver(intentEvent(`evt_${randomUUID()}`, 'payment_intent.succeeded', intentId))).status).toBe(200);
    const payment = await sg.prisma.orders.payment.findUniqueOrThrow({ where: { orderId: order.id } });
    expect(payment.status).toBe('REFUNDED');
    expect(fake.refunds.filter((r) => r.payment_intent === intentId)).toHaveLength(1);
    expect(await statusOf(order.id)).toBe('CANCELLED');
  });
});
