import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePayPalApi } from '../../subgraphs/orders/test/fakes/paypal-api.fake.js';
import {
  accessibilityAudit,
  fillGuestContact,
  freePort,
  launchChromium,
  guestCheckout as openGuestCheckout,
  ROOT,
  requireBrowserPrerequisites,
  screenshots,
  startStorefront,
} from './browser.js';
import { PAYPAL_CREDENTIALS, startPayPalSupergraph } from './payment-supergraphs.js';
import type { Supergraph } from './supergraph.js';

// The storefront's PayPal checkout in Debian's Chromium: the real storefront build and
// server.mjs, the supergraph with the PayPal provider (the real PayPal server SDK)
// pointed at the local fake of PayPal's REST API, and PayPal's approval page
// (www.sandbox.paypal.com) answered by `page.route` from the fake's orders: approving
// sends the browser back to the shop's return address with PayPal's `token` and
// `PayerID`, giving up to its cancel address, as PayPal does. Every other request for
// a host other than the shop's is blocked and reported.

const ARTIFACTS = path.join(ROOT, 'test-artifacts/storefront-paypal');
const PAYPAL_PAGES = 'https://www.sandbox.paypal.com';
const fake = new FakePayPalApi(PAYPAL_CREDENTIALS);
let sg: Supergraph;
let admin: Record<string, string>;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let context: BrowserContext | undefined;
let storefront: { url: string; stop(): void } | undefined;
let shop = '';
let webhookUrl = '';
/** Approvals that PayPal's webhook reports to the orders service before the buyer is sent back. */
const webhookFirst = new Set<string>();
/** Requests for other hosts that no route answers: must stay empty. */
const blocked: string[] = [];
const shot = screenshots(ARTIFACTS);

/** PayPal's approval page: the order's amount, "Pay Now" or "Cancel and return". */
async function routePayPal(ctx: BrowserContext) {
  await ctx.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await ctx.route(`${PAYPAL_PAGES}/**`, async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const token = url.searchParams.get('token') ?? '';
    const order = fake.orders.get(token);
    if (url.pathname !== '/checkoutnow' || !order) return route.fulfill({ status: 404, body: 'not found' });
    if (request.method() === 'GET') {
      const { value, currency_code } = order.purchase_units[0]?.amount ?? { value: '', currency_code: '' };
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>PayPal Checkout</title><main><h1>Pay with PayPal</h1>
          <p>Total <strong>${value} ${currency_code}</strong></p>
          <form method="post"><button name="outcome" value="approve">Pay Now</button>
          <button name="outcome" value="cancel">Cancel and return to the shop</button></form></main></html>`,
      });
    }
    const approved = (request.postData() ?? '').includes('outcome=approve');
    const location = fake.redirectAfter(token, approved);
    if (approved && webhookFirst.has(token)) {
      const delivered = await fake.sendWebhook(webhookUrl, fake.approvedEvent(token));
      expect(delivered).toEqual({ status: 200, body: { received: true, outcome: 'APPLIED' } });
    }
    return route.fulfill({ status: 302, headers: { location } });
  });
}

beforeAll(async () => {
  requireBrowserPrerequisites();
  // PayPal sends the buyer back to the shop: its address is known before the stack starts.
  const port = await freePort();
  shop = `http://127.0.0.1:${port}`;
  ({ sg, webhookUrl } = await startPayPalSupergraph(fake, shop));
  admin = await sg.bearer(randomUUID(), 'ADMIN');
  storefront = await startStorefront({ ROUTER_URL: sg.routerUrl, PAYMENT_PROVIDERS: 'PAYPAL' }, port);
  browser = await launchChromium();
  context = browser.context;
  await routePayPal(context);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  storefront?.stop();
  await sg?.stop();
  await fake.stop();
});

const guestCheckout = (price: string) =>
  openGuestCheckout(context as BrowserContext, shop, sg, admin, { price, name: 'PayPal Shopper' });

/** Places the order with PayPal and waits for PayPal's approval page; answers the PayPal order id. */
async function placeWithPayPal(page: Page): Promise<string> {
  await page.getByRole('radio', { name: /^PayPal/ }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/^https:\/\/www\.sandbox\.paypal\.com\/checkoutnow\?token=/, { timeout: 20_000 });
  await page.getByRole('heading', { name: 'Pay with PayPal' }).waitFor();
  return new URL(page.url()).searchParams.get('token') as string;
}

/** Our order and payment behind a PayPal order id, from the orders database. */
async function ordered(paypalId: string) {
  const payment = await sg.prisma.orders.payment.findFirstOrThrow({ where: { providerRef: paypalId } });
  const order = await sg.prisma.orders.order.findUniqueOrThrow({ where: { id: payment.orderId } });
  // The order's number as PayPal shows it (the invoice id we sent).
  const number = fake.orders.get(paypalId)?.purchase_units[0]?.invoice_id as string;
  return { order: { ...order, number }, payment };
}

const captures = (paypalId: string) => fake.calls.filter((c) => c.path === `/v2/checkout/orders/${paypalId}/capture`);
const badge = (page: Page) => page.locator('.order-status .badge').getAttribute('data-status');

describe('the storefront pays with PayPal in Chromium', () => {
  it('approving at PayPal brings the buyer back to a paid order, captured once, and empties the cart', async () => {
    const { page } = await guestCheckout('27.50');
    await shot(page, 'checkout-paypal-chosen');
    const paypalId = await placeWithPayPal(page);
    const { order, payment } = await ordered(paypalId);
    expect(order.status).toBe('PENDING_PAYMENT');
    // The buyer sees the order's total at PayPal: what the shop asked PayPal for.
    const total = (Number(order.totalMinor) / 100).toFixed(2);
    await page.getByText(`${total} USD`).waitFor();
    await shot(page, 'paypal-approval');
    await page.getByRole('button', { name: 'Pay Now' }).click();

    await page.waitForURL(new RegExp(`/order/${order.id}$`), { timeout: 20_000 });
    await page.getByRole('heading', { name: `Order ${order.number}` }).waitFor();
    await expect.poll(() => badge(page), { timeout: 20_000 }).toBe('PAID');
    await page.getByText('Thank you! Your payment was received.').waitFor();
    await shot(page, 'order-paid-with-paypal');
    // PayPal's token and PayerID do not stay in the address bar.
    expect(page.url()).toBe(`${shop}/order/${order.id}`);
    expect((await ordered(paypalId)).order.status).toBe('PAID');
    expect(fake.orders.get(paypalId)?.status).toBe('COMPLETED');
    expect(captures(paypalId).map((c) => c.requestId)).toEqual([`sg-capture-${payment.id}`]);
    await expect.poll(() => page.locator('.cart-count').textContent(), { timeout: 20_000 }).toBe('0');
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('giving up at PayPal cancels the unpaid order and gives the cart back, ready to check out again', async () => {
    const { page } = await guestCheckout('19.00');
    const paypalId = await placeWithPayPal(page);
    await page.getByRole('button', { name: 'Cancel and return to the shop' }).click();
    await page.getByRole('heading', { name: 'PayPal payment cancelled' }).waitFor({ timeout: 20_000 });
    const { order } = await ordered(paypalId);
    await page.getByText(`Order ${order.number} was cancelled and you have not been charged.`).waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    expect((await ordered(paypalId)).order.status).toBe('CANCELLED');
    expect(captures(paypalId)).toEqual([]);
    const audit = await accessibilityAudit(page);
    expect(audit.violations.map((v) => v.id)).toEqual([]);
    await shot(page, 'paypal-cancelled');

    await page.getByRole('link', { name: 'Back to checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout', exact: true }).waitFor();
    expect(await page.getByRole('list', { name: 'Items' }).getByRole('listitem').count()).toBe(1);
    // The cart is unlocked: a new order goes to PayPal at once.
    await fillGuestContact(page, 'PayPal Shopper');
    const second = await placeWithPayPal(page);
    expect(second).not.toBe(paypalId);
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('coming back with the browser’s Back button offers to continue at PayPal or cancel the waiting order', async () => {
    const { page } = await guestCheckout('33.00');
    const paypalId = await placeWithPayPal(page);
    await page.goBack();
    const waiting = page.getByRole('region', { name: 'Waiting for PayPal' });
    await waiting.waitFor({ timeout: 20_000 });
    expect(await waiting.getByRole('link', { name: 'Continue to PayPal' }).getAttribute('href')).toBe(
      `${PAYPAL_PAGES}/checkoutnow?token=${paypalId}`,
    );
    // The order is not placed twice while one waits for PayPal.
    expect(await page.getByRole('button', { name: 'Place order' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Please wait…' }).isDisabled()).toBe(true);
    await shot(page, 'checkout-waiting-for-paypal');
    await waiting.getByRole('button', { name: 'Cancel order' }).click();
    await waiting.waitFor({ state: 'detached', timeout: 20_000 });
    expect((await ordered(paypalId)).order.status).toBe('CANCELLED');
    await expect.poll(() => page.getByRole('button', { name: 'Place order' }).isEnabled()).toBe(true);
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('when PayPal’s approval webhook captured first, the return shows the paid order and nothing is captured twice', async () => {
    const { page } = await guestCheckout('41.25');
    const paypalId = await placeWithPayPal(page);
    webhookFirst.add(paypalId);
    await page.getByRole('button', { name: 'Pay Now' }).click();
    const { order, payment } = await ordered(paypalId);
    await page.waitForURL(new RegExp(`/order/${order.id}$`), { timeout: 20_000 });
    await expect.poll(() => badge(page), { timeout: 20_000 }).toBe('PAID');
    expect(captures(paypalId).map((c) => c.requestId)).toEqual([`sg-capture-${payment.id}`]);
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('a return without PayPal’s approval leaves the order waiting, and “check again” captures once approved', async () => {
    const { page } = await guestCheckout('15.75');
    const paypalId = await placeWithPayPal(page);
    const { order } = await ordered(paypalId);
    // The buyer reaches the return address without approving (PayPal closed, a stale tab).
    await page.goto(`${shop}/checkout/paypal/return?order=${order.id}&token=${paypalId}`);
    await page.waitForURL(new RegExp(`/order/${order.id}$`), { timeout: 20_000 });
    await page.getByText('Your PayPal payment is not complete.').waitFor({ timeout: 20_000 });
    expect(await badge(page)).toBe('PENDING_PAYMENT');
    await shot(page, 'order-waiting-for-paypal');
    await page.getByRole('button', { name: 'I approved it: check again' }).click();
    await page.getByRole('alert').filter({ hasText: 'PayPal has not received your approval yet.' }).waitFor();
    fake.approve(paypalId);
    await page.getByRole('button', { name: 'I approved it: check again' }).click();
    await expect.poll(() => badge(page), { timeout: 20_000 }).toBe('PAID');
    expect((await ordered(paypalId)).order.status).toBe('PAID');
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);
});
