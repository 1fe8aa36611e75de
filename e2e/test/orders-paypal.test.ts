import { randomUUID } from 'node:crypto';
import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePayPalApi } from '../../subgraphs/orders/test/fakes/paypal-api.fake.js';
import { CHECKOUT, cartWith, createProduct, guestInput } from './checkout-helpers.js';
import { PAYPAL_CREDENTIALS, startPayPalSupergraph } from './payment-supergraphs.js';
import type { Supergraph } from './supergraph.js';

const credentials = PAYPAL_CREDENTIALS;
const fake = new FakePayPalApi(credentials);
let sg: Supergraph;
let admin: Record<string, string>;
let webhookUrl: string;

beforeAll(async () => {
  ({ sg, webhookUrl } = await startPayPalSupergraph(fake));
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 20 });
  admin = await sg.bearer(randomUUID(), 'ADMIN');
});

afterAll(async () => {
  await sg?.stop();
  await fake.stop();
});

const CONFIRM = `mutation($id: ID!, $t: String) { paymentConfirm(orderId: $id, orderToken: $t) { order { status payment { status } } userErrors { code } } }`;
const statusOf = async (id: string) => (await sg.prisma.orders.order.findUniqueOrThrow({ where: { id } })).status;

async function paypalOrder() {
  const [v] = await createProduct(sg, admin, [{ price: '31.50', stock: 4 }]);
  const cartId = await cartWith(sg, [{ variantId: v.id, quantity: 1 }]);
  const res = await sg.gql(CHECKOUT, {
    i: guestInput(cartId, undefined as never, { paymentProvider: 'PAYPAL', testPaymentToken: null }),
  });
  expect(res.data.checkout.userErrors).toEqual([]);
  const { order, orderToken } = res.data.checkout;
  const payment = await sg.prisma.orders.payment.findUniqueOrThrow({ where: { orderId: order.id } });
  return { order, token: orderToken as string, payment, paypalId: payment.providerRef as string };
}

const webhook = (event: unknown, signature: string) => fake.sendWebhook(webhookUrl, event, signature);

describe('PayPal through its SDK against a local fake', () => {
  it('creates an Orders v2 order with PayPal-Request-Id and hands out the approval link', async () => {
    const { order, payment, paypalId } = await paypalOrder();
    const created = fake.calls.find(
      (c) => c.path === '/v2/checkout/orders' && c.body.purchase_units?.[0]?.custom_id === payment.id,
    );
    expect(created?.requestId).toBe(`sg-payment-${payment.id}`);
    expect(created?.body.purchase_units[0].amount).toEqual({ currency_code: 'USD', value: order.total.amount });
    expect(created?.body.intent).toBe('CAPTURE');
    const read = await sg.gql(
      `query($id: ID!) { order(id: $id) { payment { provider status approvalUrl } } }`,
      { id: order.id },
      admin,
    );
    expect(read.data.order.payment).toEqual({
      provider: 'PAYPAL',
      status: 'REQUIRES_ACTION',
      approvalUrl: `https://www.sandbox.paypal.com/checkoutnow?token=${paypalId}`,
    });
  });

  it('captures after approval through paymentConfirm (not before), then refunds through the capture', async () => {
    const { order, token, payment, paypalId } = await paypalOrder();
    const early = await sg.gql(CONFIRM, { id: order.id, t: token });
    expect(early.data.paymentConfirm).toEqual({
      order: { status: 'PENDING_PAYMENT', payment: { status: 'REQUIRES_ACTION' } },
      userErrors: [],
    });
    fake.approve(paypalId);
    const captured = await sg.gql(CONFIRM, { id: order.id, t: token });
    expect(captured.data.paymentConfirm).toEqual({
      order: { status: 'PAID', payment: { status: 'SUCCEEDED' } },
      userErrors: [],
    });
    const capture = fake.calls.filter((c) => c.path === `/v2/checkout/orders/${paypalId}/capture`);
    expect(capture.every((c) => c.requestId === `sg-capture-${payment.id}`)).toBe(true);

    const refunded = await sg.gql(
      `mutation($id: ID!) { orderRefund(id: $id) { order { status payment { status } } userErrors { code } } }`,
      { id: order.id },
      admin,
    );
    expect(refunded.data.orderRefund).toEqual({
      order: { status: 'REFUNDED', payment: { status: 'REFUNDED' } },
      userErrors: [],
    });
    const refundCall = fake.calls.find((c) => /\/v2\/payments\/captures\/.+\/refund$/.test(c.path));
    expect(refundCall?.requestId).toBe(`sg-refund-${payment.id}`);
    expect(fake.refunds).toHaveLength(1);
  });

  it('verifies webhooks with PayPal before applying them, once each', async () => {
    const { order, payment, paypalId } = await paypalOrder();
    fake.approve(paypalId);
    const event = {
      id: `WH-${randomUUID()}`,
      event_type: 'PAYMENT.CAPTURE.COMPLETED',
      resource: { id: 'CAP-1', status: 'COMPLETED', custom_id: payment.id },
    };
    const forged = await webhook(event, 'forged-signature');
    expect(forged).toEqual({ status: 400, body: { error: 'invalid signature' } });
    expect(await statusOf(order.id)).toBe('PENDING_PAYMENT');
    fake.validSignatures.add('genuine-signature');
    expect(await webhook(event, 'genuine-signature')).toEqual({
      status: 200,
      body: { received: true, outcome: 'APPLIED' },
    });
    expect(await statusOf(order.id)).toBe('PAID');
    expect((await webhook(event, 'genuine-signature')).body.outcome).toBe('DUPLICATE');
    const verify = fake.calls.filter((c) => c.path === '/v1/notifications/verify-webhook-signature');
    expect(verify.at(-1)?.body.webhook_id).toBe(credentials.webhookId);
  });

  it('sends the buyer back to the shop with our order id, to pay now, without a second address at PayPal', async () => {
    const { order, payment } = await paypalOrder();
    const created = fake.calls.find(
      (c) => c.path === '/v2/checkout/orders' && c.body.purchase_units?.[0]?.custom_id === payment.id,
    );
    expect(created?.body.application_context).toEqual({
      return_url: `http://127.0.0.1:3000/checkout/paypal/return?order=${order.id}`,
      cancel_url: `http://127.0.0.1:3000/checkout/paypal/cancel?order=${order.id}`,
      user_action: 'PAY_NOW',
      shipping_preference: 'NO_SHIPPING',
    });
  });

  it('captures when PayPal says the buyer approved, once, even if the buyer never returns', async () => {
    fake.validSignatures.add('genuine-signature');
    const { order, token, paypalId } = await paypalOrder();
    const event = fake.approvedEvent(paypalId);
    // Approved at PayPal: the event carries the approved order.
    fake.approve(paypalId);
    event.resource.status = 'APPROVED';
    expect(await webhook(event, 'genuine-signature')).toEqual({
      status: 200,
      body: { received: true, outcome: 'APPLIED' },
    });
    expect(await statusOf(order.id)).toBe('PAID');
    expect(fake.orders.get(paypalId)?.purchase_units[0]?.payments?.captures).toHaveLength(1);
    // PayPal delivers again, and the buyer comes back to the return page: nothing is captured twice.
    expect((await webhook({ ...event, id: `WH-${randomUUID()}` }, 'genuine-signature')).body.outcome).toBe('CLOSED');
    const returned = await sg.gql(CONFIRM, { id: order.id, t: token });
    expect(returned.data.paymentConfirm.userErrors.map((e: { code: string }) => e.code)).toEqual([
      'INVALID_ORDER_STATE',
    ]);
    const captures = fake.calls.filter((c) => c.path === `/v2/checkout/orders/${paypalId}/capture`);
    expect(captures).toHaveLength(1);
    expect(await statusOf(order.id)).toBe('PAID');
  });

  it('does not capture an approval for an order the buyer cancelled, nor one whose PayPal order is not ours', async () => {
    fake.validSignatures.add('genuine-signature');
    const cancelled = await paypalOrder();
    const cancel = await sg.gql(
      `mutation($id: ID!, $t: String) { orderCancel(id: $id, orderToken: $t) { order { status } userErrors { code } } }`,
      { id: cancelled.order.id, t: cancelled.token },
    );
    expect(cancel.data.orderCancel).toEqual({ order: { status: 'CANCELLED' }, userErrors: [] });
    fake.approve(cancelled.paypalId);
    const late = await webhook(fake.approvedEvent(cancelled.paypalId), 'genuine-signature');
    expect(late.body.outcome).toBe('CLOSED');

    const other = await paypalOrder();
    const forged = fake.approvedEvent(other.paypalId);
    forged.resource.id = cancelled.paypalId; // another PayPal order claiming this payment
    expect((await webhook(forged, 'genuine-signature')).body.outcome).toBe('UNKNOWN_PAYMENT');
    expect(await statusOf(other.order.id)).toBe('PENDING_PAYMENT');
    const captured = fake.calls.filter((c) =>
      [cancelled.paypalId, other.paypalId].some((id) => c.path === `/v2/checkout/orders/${id}/capture`),
    );
    expect(captured).toEqual([]);
  });
});
