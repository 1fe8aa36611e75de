import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStripeApi } from '../../subgraphs/orders/test/fakes/stripe-api.fake.js';
import {
  accessibilityAudit,
  launchChromium,
  guestCheckout as openGuestCheckout,
  ROOT,
  requireBrowserPrerequisites,
  screenshots,
  startStorefront,
} from './browser.js';
import { startStripeSupergraph } from './payment-supergraphs.js';
import type { Supergraph } from './supergraph.js';

// Browser globals, used only inside page.evaluate (they run in Chromium, not in Node).
declare const document: { activeElement: { tagName: string; textContent: string | null } | null };
declare const window: { __fakeStripeJs?: { keys: string[]; wrappers: Array<{ name: string; version: string }> } };

// The storefront's Stripe checkout in Debian's Chromium: the real storefront build and
// server.mjs, the supergraph with the Stripe provider (the real `stripe` SDK) pointed at
// the local fake of Stripe's API, and a local fake of Stripe.js served in place of
// js.stripe.com by `page.route`. The fake API signs and delivers Stripe's webhooks to
// the orders service, so orders become PAID (or PAYMENT_FAILED) the way they do in
// production. Every request for a host other than the shop's is answered by a route
// here (Stripe's three hosts) or blocked and reported.

const ARTIFACTS = path.join(ROOT, 'test-artifacts/storefront-stripe');
const PUBLISHABLE_KEY = 'pk_test_storegraphE2E0123456789';
const WEBHOOK_SECRET = 'whsec_storefront_e2e_0123456789abcdef';
const FAKE_STRIPE_JS = readFileSync(path.join(import.meta.dirname, 'fakes/stripe-js.fake.js'), 'utf8');
/** The script @stripe/stripe-js 10.2.1 injects (its pinned release train). */
const STRIPE_JS_URL = 'https://js.stripe.com/endive/stripe.js';

const fake = new FakeStripeApi();
let fakeApiUrl = '';
let sg: Supergraph;
let admin: Record<string, string>;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let context: BrowserContext | undefined;
const storefronts: Array<{ stop(): void }> = [];
let withStripe = '';
let withoutStripe = '';
/** Requests for other hosts that no route answers: must stay empty. */
const blocked: string[] = [];
/** Every request the browser sent to a host other than the shop's. */
const foreign: string[] = [];

/** Stripe's hosts, answered locally; anything else off the shop's host is blocked. */
async function routeForeignHosts(ctx: BrowserContext) {
  await ctx.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await ctx.route('https://js.stripe.com/**', (route) =>
    route.request().url().startsWith(STRIPE_JS_URL)
      ? route.fulfill({ status: 200, contentType: 'text/javascript', body: FAKE_STRIPE_JS })
      : route.fulfill({ status: 404, body: 'not found' }),
  );
  // Stripe.js talks to Stripe's API from the page: to the local fake here.
  await ctx.route('https://api.stripe.com/**', async (route: Route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${fakeApiUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  // The bank's 3-D Secure page: approve or fail, then back to the shop's return_url.
  await ctx.route('https://hooks.stripe.com/**', async (route: Route) => {
    const request = route.request();
    const intentId = new URL(request.url()).pathname.split('/').pop() as string;
    const intent = fake.intents.get(intentId);
    if (!intent?.next_action) return route.fulfill({ status: 404, body: 'no authentication pending' });
    if (request.method() === 'GET') {
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>3D Secure</title><main><h1>Confirm your payment</h1>
          <form method="post"><button name="outcome" value="approve">Complete authentication</button>
          <button name="outcome" value="fail">Fail authentication</button></form></main></html>`,
      });
    }
    const returnUrl = new URL(intent.next_action.redirect_to_url.return_url);
    const approved = (request.postData() ?? '').includes('outcome=approve');
    const after = fake.completeAuthentication(intentId, approved);
    returnUrl.searchParams.set('payment_intent', after.id);
    returnUrl.searchParams.set('payment_intent_client_secret', after.client_secret);
    returnUrl.searchParams.set('redirect_status', approved ? 'succeeded' : 'failed');
    return route.fulfill({ status: 302, headers: { location: returnUrl.href } });
  });
}

beforeAll(async () => {
  requireBrowserPrerequisites();
  const started = await startStripeSupergraph(fake, {
    secretKey: 'sk_test_storefront_e2e',
    webhookSecret: WEBHOOK_SECRET,
  });
  ({ sg } = started);
  fakeApiUrl = started.apiUrl;
  const { stripe } = started;
  fake.webhooks = {
    url: started.webhookUrl,
    secret: WEBHOOK_SECRET,
    sign: (options) => stripe.stripe.webhooks.generateTestHeaderString(options),
  };
  admin = await sg.bearer(randomUUID(), 'ADMIN');
  const storefrontsStarted = await Promise.all([
    startStorefront({ ROUTER_URL: sg.routerUrl, PAYMENT_PROVIDERS: 'TEST', STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY }),
    startStorefront({ ROUTER_URL: sg.routerUrl, PAYMENT_PROVIDERS: 'TEST', STRIPE_PUBLISHABLE_KEY: '' }),
  ]);
  storefronts.push(...storefrontsStarted);
  [withStripe, withoutStripe] = storefrontsStarted.map((s) => s.url) as [string, string];
  browser = await launchChromium();
  context = browser.context;
  context.on('request', (request) => {
    const { hostname } = new URL(request.url());
    if (request.url().startsWith('http') && !['127.0.0.1', 'localhost'].includes(hostname)) {
      foreign.push(request.url());
    }
  });
  await routeForeignHosts(context);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const storefront of storefronts) storefront.stop();
  await sg?.stop();
  await fake.stop();
});

const shot = screenshots(ARTIFACTS);

/** A guest's cart with one line of a fresh product, opened at the checkout of `base`. */
const guestCheckout = (base: string, price = '24.00') =>
  openGuestCheckout(context as BrowserContext, base, sg, admin, { price, name: 'Stripe Shopper' });

/** Places the order with "Card (Stripe)"; returns once the Payment Element is ready. */
async function placeWithStripe(page: Page) {
  await page.getByRole('radio', { name: 'Card (Stripe)' }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  const form = page.getByRole('form', { name: /^Pay for order SG-/ });
  await form.waitFor({ timeout: 20_000 });
  await form.getByLabel('Card number').waitFor();
  await expect.poll(() => form.getByRole('button', { name: /^Pay \$/ }).isEnabled(), { timeout: 10_000 }).toBe(true);
  return form;
}

async function fillCard(form: ReturnType<Page['getByRole']>, number: string) {
  await form.getByLabel('Card number').fill(number);
  await form.getByLabel('Expiration date (MM / YY)').fill('12 / 34');
  await form.getByLabel('Security code').fill('123');
}

/** The order's status in the orders database, found through its PaymentIntent's metadata. */
async function orderStatus(number: string) {
  const intent = [...fake.intents.values()].find((i) => i.metadata.orderNumber === number);
  if (!intent) throw new Error(`no PaymentIntent for order ${number}`);
  return (await sg.prisma.orders.order.findUniqueOrThrow({ where: { id: intent.metadata.orderId } })).status;
}

describe('the storefront pays with Stripe (Payment Element) in Chromium', () => {
  it('loads Stripe.js only when Card (Stripe) is chosen and placed, confirms the payment, and follows the order to PAID', async () => {
    const { page } = await guestCheckout(withStripe);
    await page.getByRole('radio', { name: 'Card (Stripe)' }).check();
    // Offered and chosen, but nothing is loaded from Stripe until the order is placed.
    expect(foreign.filter((url) => url.includes('stripe.com'))).toEqual([]);
    await shot(page, 'checkout-stripe-chosen');
    const form = await placeWithStripe(page);
    const number = ((await form.getByRole('heading').textContent()) ?? '').replace(/^Pay for order /, '');
    // The payment step takes the focus, so a keyboard or screen-reader user lands on it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`Pay for order ${number}`);
    expect(foreign).toContain(STRIPE_JS_URL);
    // The real loader (@stripe/stripe-js) injected the script and registered itself.
    const loaded = await page.evaluate(() => window.__fakeStripeJs);
    expect(loaded?.keys).toEqual([PUBLISHABLE_KEY]);
    expect(loaded?.wrappers.map((w) => w.name)).toEqual(['stripe-js']);
    expect(await orderStatus(number)).toBe('PENDING_PAYMENT');

    // An incomplete card is Stripe.js's validation error: the order is untouched.
    await form.getByRole('button', { name: /^Pay \$/ }).click();
    await form.getByRole('alert').filter({ hasText: 'Your card number is incomplete.' }).waitFor();
    expect(await orderStatus(number)).toBe('PENDING_PAYMENT');

    await fillCard(form, '4242 4242 4242 4242');
    // Changing the card clears the message about it.
    expect(await form.getByRole('alert').count()).toBe(0);
    await shot(page, 'payment-element');
    await form.getByRole('button', { name: /^Pay \$/ }).click();
    await page.waitForURL(/\/order\//, { timeout: 20_000 });
    await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
    await expect
      .poll(() => page.locator('.order-status .badge').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('PAID');
    await shot(page, 'order-paid');
    expect(await orderStatus(number)).toBe('PAID');
    const intent = [...fake.intents.values()].find((i) => i.metadata.orderNumber === number);
    expect(intent?.status).toBe('succeeded');
    expect(fake.deliveries).toContainEqual({ type: 'payment_intent.succeeded', intentId: intent?.id, status: 200 });
    // The browser confirmed with the publishable key and the client secret, never the secret key.
    const confirm = fake.requests.find((r) => r.path === `/v1/payment_intents/${intent?.id}/confirm`);
    expect(confirm?.form).toMatchObject({ key: PUBLISHABLE_KEY, client_secret: intent?.client_secret });
    expect(confirm?.authorization).toBeUndefined();
    // A paid order empties the cart (order events): the header follows.
    await expect.poll(() => page.locator('.cart-count').textContent(), { timeout: 20_000 }).toBe('0');
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('a declined card shows Stripe’s message and keeps the cart; the next order with another card is paid', async () => {
    const { page } = await guestCheckout(withStripe, '31.00');
    let form = await placeWithStripe(page);
    const declinedNumber = ((await form.getByRole('heading').textContent()) ?? '').replace(/^Pay for order /, '');
    await fillCard(form, '4000 0000 0000 9995');
    await form.getByRole('button', { name: /^Pay \$/ }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Your card was declined.' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('Stripe says: Your card has insufficient funds.');
    expect(await alert.textContent()).toContain(declinedNumber);
    expect(page.url()).toMatch(/\/checkout$/);
    expect(await page.getByRole('list', { name: 'Items' }).getByRole('listitem').count()).toBe(1);
    expect(await page.getByRole('form', { name: /^Pay for order/ }).count()).toBe(0);
    expect(await orderStatus(declinedNumber)).toBe('PAYMENT_FAILED');
    await shot(page, 'checkout-declined');

    // The cart is the shopper's again: a new order with a good card goes through.
    form = await placeWithStripe(page);
    const paidNumber = ((await form.getByRole('heading').textContent()) ?? '').replace(/^Pay for order /, '');
    expect(paidNumber).not.toBe(declinedNumber);
    await fillCard(form, '4242424242424242');
    await form.getByRole('button', { name: /^Pay \$/ }).click();
    await page.waitForURL(/\/order\//, { timeout: 20_000 });
    await expect
      .poll(() => page.locator('.order-status .badge').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('PAID');
    expect(await orderStatus(declinedNumber)).toBe('PAYMENT_FAILED');
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('3-D Secure: the bank’s page returns to the confirmation page, which drops Stripe’s parameters and shows PAID', async () => {
    const { page } = await guestCheckout(withStripe, '45.00');
    const form = await placeWithStripe(page);
    const number = ((await form.getByRole('heading').textContent()) ?? '').replace(/^Pay for order /, '');
    await fillCard(form, '4000 0025 0000 3155');
    await form.getByRole('button', { name: /^Pay \$/ }).click();
    await page.waitForURL(/^https:\/\/hooks\.stripe\.com\//, { timeout: 20_000 });
    await shot(page, '3ds-page');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL(/\/order\//, { timeout: 20_000 });
    await page.getByText('Your bank confirmed the payment.').waitFor();
    // The client secret does not stay in the address bar (history, bookmarks, sharing).
    await expect.poll(() => page.url()).not.toMatch(/payment_intent_client_secret|redirect_status/);
    await expect
      .poll(() => page.locator('.order-status .badge').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('PAID');
    expect(await orderStatus(number)).toBe('PAID');
    await shot(page, 'order-paid-after-3ds');
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('3-D Secure refused by the bank: the confirmation page says so and the order fails', async () => {
    const { page } = await guestCheckout(withStripe, '18.00');
    const form = await placeWithStripe(page);
    const number = ((await form.getByRole('heading').textContent()) ?? '').replace(/^Pay for order /, '');
    await fillCard(form, '4000002500003155');
    await form.getByRole('button', { name: /^Pay \$/ }).click();
    await page.waitForURL(/^https:\/\/hooks\.stripe\.com\//, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Fail authentication' }).click();
    await page.waitForURL(/\/order\//, { timeout: 20_000 });
    await page.getByRole('alert').filter({ hasText: 'Your bank did not confirm the payment.' }).waitFor();
    await expect
      .poll(() => page.locator('.order-status .badge').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('PAYMENT_FAILED');
    expect(await orderStatus(number)).toBe('PAYMENT_FAILED');
    await shot(page, 'order-3ds-failed');
    expect(blocked).toEqual([]);
    await page.close();
  }, 90_000);

  it('"Cancel order" gives the unpaid order up and the cart back', async () => {
    const { page } = await guestCheckout(withStripe, '12.00');
    const form = await placeWithStripe(page);
    const number = ((await form.getByRole('heading').textContent()) ?? '').replace(/^Pay for order /, '');
    // The payment step passes the same automated audit as the journey's pages.
    const audit = await accessibilityAudit(page);
    expect(audit.passed).toBeGreaterThan(10);
    expect(audit.violations.map((v) => v.id)).toEqual([]);
    await form.getByRole('button', { name: 'Cancel order' }).click();
    await expect.poll(() => page.getByRole('form', { name: /^Pay for order/ }).count(), { timeout: 20_000 }).toBe(0);
    expect(await orderStatus(number)).toBe('CANCELLED');
    const intent = [...fake.intents.values()].find((i) => i.metadata.orderNumber === number);
    expect(intent?.status).toBe('canceled');
    expect(await page.getByRole('list', { name: 'Items' }).getByRole('listitem').count()).toBe(1);
    // The cart is unlocked: the order can be placed again at once.
    await expect.poll(() => page.getByRole('button', { name: 'Place order' }).isEnabled()).toBe(true);
    const again = await placeWithStripe(page);
    expect(await again.getByRole('heading').textContent()).not.toContain(number);
    expect(blocked).toEqual([]);
    await page.close();
  }, 90_000);

  it('without a publishable key: Stripe is not offered and nothing is requested from Stripe', async () => {
    foreign.length = 0;
    const { page } = await guestCheckout(withoutStripe);
    await page.getByRole('radio', { name: 'Test card: payment succeeds' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Card (Stripe)' }).count()).toBe(0);
    expect(await page.locator('meta[name="storegraph-stripe-publishable-key"]').count()).toBe(0);
    const csp = (await fetch(withoutStripe)).headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('stripe.com');
    expect(csp).toContain("script-src 'self';");
    // The TEST card still works: the order is paid without Stripe.
    await page.getByRole('radio', { name: 'Test card: payment succeeds' }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/order\//, { timeout: 20_000 });
    await expect
      .poll(() => page.locator('.order-status .badge').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('PAID');
    await shot(page, 'no-stripe-test-card-paid');
    expect(foreign).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  }, 90_000);
});

// The same suite checks that the shop's Stripe CSP is only what Stripe.js needs.
describe('server.mjs with a publishable key', () => {
  it('names the key in a meta tag and lets only Stripe’s hosts through its Content-Security-Policy', async () => {
    const res = await fetch(withStripe);
    const html = await res.text();
    expect(html).toContain(`<meta name="storegraph-stripe-publishable-key" content="${PUBLISHABLE_KEY}" />`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' https://js.stripe.com https://*.js.stripe.com;");
    expect(csp).toContain("connect-src 'self' https://api.stripe.com;");
    expect(csp).toContain('frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com;');
  });

  it('refuses a secret key given as the publishable key (Stripe is then not offered)', async () => {
    const storefront = await startStorefront({ ROUTER_URL: sg.routerUrl, STRIPE_PUBLISHABLE_KEY: 'sk_test_oops' });
    storefronts.push(storefront);
    const html = await (await fetch(storefront.url)).text();
    expect(html).not.toContain('sk_test_oops');
    expect(html).not.toContain('storegraph-stripe-publishable-key');
  });
});
