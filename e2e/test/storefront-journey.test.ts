import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { dropDatabase } from '@storegraph/prisma';
import { deleteRedisPrefix, testRedisPrefix, testRedisUrl, testRunId, testServerUrl } from '@storegraph/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, prepareDatabases, seed, testPortOffset } from '../../scripts/stack.mjs';
import { accessibilityAudit, launchChromium, requireBrowserPrerequisites, screenshots } from './browser.js';

const AXE_VERSION = '4.14.1';

// Browser globals, used only inside page.evaluate (they run in Chromium, not in Node).
declare const document: { documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };
declare const localStorage: Record<string, string> & { clear(): void };
declare const sessionStorage: Record<string, string>;

// The shopper's journey through the real storefront build, served by the real
// processes, in Debian's Chromium. Screenshots of every step go to
// test-artifacts/storefront (not committed); the performance budget is asserted.

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/storefront');
const JS_BUDGET_GZIP = 200 * 1024;
const LCP_BUDGET_MS = 1500;

type Stack = Awaited<ReturnType<typeof launch>>;
let stack: Stack | undefined;
let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
let context: BrowserContext | undefined;
let databases: Record<string, string> = {};
const redisPrefix = testRedisPrefix('journey');
// Far from the development ports, below the ephemeral range, apart from the other suite's lane.
const portOffset = testPortOffset(1);

beforeAll(async () => {
  requireBrowserPrerequisites({ build: false });
  databases = await prepareDatabases({
    serverUrl: testServerUrl(),
    prefix: `sg_test_${testRunId()}_journey_`,
    env: {},
  });
  await seed({
    databases,
    products: 300,
    admin: { email: 'journey-admin@storegraph.test', password: 'journey-admin-password' },
    log: () => {},
  });
  stack = await launch({
    databases,
    redisUrl: testRedisUrl(),
    redisPrefix,
    portOffset,
    logLevel: 'warn',
    print: () => {},
  });
  browser = await launchChromium();
  context = browser.context;
  // A shop's servers are warm when shoppers arrive (plans cached, connections open): load
  // the home page once, then empty the browser's cache so the measured first visit
  // downloads every script, style and image again.
  const warm = await context.newPage();
  await warm.goto(stack.urls.storefront as string, { waitUntil: 'networkidle' });
  await (await context.newCDPSession(warm)).send('Network.clearBrowserCache');
  await warm.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await Promise.all(Object.values(databases).map((url) => dropDatabase(url)));
  await deleteRedisPrefix(redisPrefix);
});

const shot = screenshots(ARTIFACTS);

/** A word of a product title with one inner letter dropped: a typo the search corrects. */
function typoOf(title: string): { word: string; typo: string } {
  const word = title
    .split(/\s+/)
    .map((w) => w.replace(/[^A-Za-z]/g, ''))
    .find((w) => w.length >= 6);
  if (!word) throw new Error(`no long word in "${title}"`);
  return { word, typo: word.slice(0, 3) + word.slice(4) };
}

/** On a product page: picks the last variant in stock, so "Add to cart" is enabled. */
async function chooseAvailableVariant(page: Page) {
  await page.getByRole('button', { name: 'Add to cart' }).waitFor();
  const radios = page.locator('.variant-picker input[type=radio]');
  for (let i = (await radios.count()) - 1; i >= 0; i--) {
    const chip = radios.nth(i).locator('xpath=..');
    if ((await chip.getAttribute('class'))?.includes('chip-available')) {
      await radios.nth(i).check();
      break;
    }
  }
  await expect.poll(() => page.getByRole('button', { name: 'Add to cart' }).isEnabled()).toBe(true);
}

/** Fills the checkout's shipping address (the country code defaults to US). */
async function fillAddress(page: Page) {
  await page.getByLabel('Full name').fill('Journey Shopper');
  await page.getByLabel('Address', { exact: true }).fill('1 Analytical Way');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('State / region (optional)').fill('CA');
  await page.getByLabel('Postal code').fill('90210');
}

describe('the storefront in Chromium', () => {
  it('browse, search with a typo, filter, choose a variant, add to cart, register and keep the cart', async () => {
    const base = stack?.urls.storefront as string;
    const page = await context!.newPage();
    const foreign: string[] = [];
    const scripts: Array<{ url: string; gzip: number }> = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'script' && res.ok()) {
        scripts.push({ url: res.url(), gzip: gzipSync(await res.body()).length });
      }
    });

    // 1. Home: categories, new arrivals, top rated; budgets measured on this first page.
    await page.goto(base, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'New arrivals' }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'New arrivals' }).getByRole('listitem').count()).toBe(8);
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1]?.startTime ?? 0);
          }).observe({ type: 'largest-contentful-paint' as never, buffered: true });
          setTimeout(() => resolve(-1), 3000);
        }),
    );
    const jsGzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `storefront budget: first-page JavaScript ${(jsGzip / 1024).toFixed(1)} KB gzipped in ${scripts.length} files, LCP ${lcp.toFixed(0)} ms`,
    );
    expect(jsGzip).toBeLessThanOrEqual(JS_BUDGET_GZIP);
    expect(lcp).toBeGreaterThan(0);
    expect(lcp).toBeLessThan(LCP_BUDGET_MS);
    await shot(page, 'home');

    // 2. Search with a typo: suggestions while typing, then "showing results for".
    const inStock = page.locator('.card').filter({ hasNot: page.locator('.badge') });
    const title = (await inStock.first().locator('.card-title').textContent()) ?? '';
    const { word, typo } = typoOf(title);
    const box = page.getByRole('combobox', { name: 'Search products' });
    await box.pressSequentially(word.slice(0, 4).toLowerCase(), { delay: 40 });
    await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor();
    await shot(page, 'suggestions');
    await box.fill(typo.toLowerCase());
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await expect
      .poll(() => page.locator('.corrected').textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`Showing results for ${word}`, 'i'));
    await shot(page, 'search-corrected');

    // 3. Filter by a facet: the URL keeps it, so the link reproduces the view.
    const brands = page.getByRole('group', { name: 'Brand' });
    const firstBrand = brands.getByRole('checkbox').first();
    await firstBrand.click();
    await page.waitForURL(/brand=/);
    await expect.poll(() => firstBrand.isChecked(), { timeout: 15_000 }).toBe(true);
    const filtered = page.url();
    await shot(page, 'filtered');
    const again = await context!.newPage();
    await again.goto(filtered);
    await expect
      .poll(() => again.getByRole('group', { name: 'Brand' }).getByRole('checkbox').first().isChecked())
      .toBe(true);
    await again.close();

    // 4. Product page: choose a variant by its options.
    await page
      .locator('.grid .card')
      .filter({ hasNot: page.locator('.badge') })
      .first()
      .locator('.card-link')
      .click();
    await page.waitForURL(/\/p\//);
    await chooseAvailableVariant(page);
    await shot(page, 'product');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText(/Added 1 ×/).waitFor();
    await expect.poll(() => page.locator('.cart-count').textContent()).toBe('1');

    // 5. Cart as a guest: change the quantity, the subtotal follows.
    await page.getByRole('link', { name: /Cart, 1 items/ }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    const before = await page.locator('.cart-summary strong').textContent();
    await page.getByRole('combobox', { name: /Quantity of/ }).selectOption('2');
    await expect.poll(() => page.locator('.cart-count').textContent()).toBe('2');
    expect(await page.locator('.cart-summary strong').textContent()).not.toBe(before);
    await shot(page, 'cart-guest');

    // 6. Register: the guest cart is merged into the customer's.
    await page.goto(`${base}/account/register?next=/cart`);
    await page.getByLabel('Name').fill('Journey Shopper');
    await page.getByLabel('Email').fill(`journey-${Date.now()}@storegraph.test`);
    await page.getByLabel('Password').fill('a long and unusual passphrase 42');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/cart$/);
    await expect.poll(() => page.locator('.cart-count').textContent(), { timeout: 15_000 }).toBe('2');
    await page.getByRole('list', { name: 'Cart lines' }).getByRole('listitem').first().waitFor();
    await shot(page, 'cart-signed-in');

    // 7. A reload keeps the session: the refresh token is an HttpOnly, SameSite=Strict
    //    cookie of the storefront server's /auth path; no token is in the page's storage.
    await page.reload();
    await expect.poll(() => page.locator('.cart-count').textContent(), { timeout: 15_000 }).toBe('2');
    await page.getByRole('link', { name: 'Journey' }).waitFor();
    const storage = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
    );
    expect(storage).not.toMatch(/eyJ|refresh/i);
    expect(await page.evaluate(() => (globalThis as any).document.cookie)).toBe('');
    // The cookie belongs to the /auth path only: ask for it by a URL there.
    const cookies = await context!.cookies(`${base}/auth/refresh`);
    expect(await context!.cookies(base)).toEqual([]);
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'sg_refresh', httpOnly: true, sameSite: 'Strict', path: '/auth' }),
    ]);
    expect(cookies[0]?.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(storage).not.toContain(cookies[0]?.value);
    await page.getByRole('link', { name: 'Journey' }).click();
    await page.getByRole('heading', { name: 'Order history' }).waitFor();
    await shot(page, 'account');

    // 8. Account: edit the profile (a field error first), save an address, change the password.
    const profile = page.locator('form', { has: page.getByRole('button', { name: 'Save profile' }) });
    await profile.getByLabel('Name', { exact: true }).fill('');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => profile.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await profile.getByLabel('Name', { exact: true }).fill('Jenny Shopper');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Your profile was saved.').waitFor();
    await page.getByRole('link', { name: 'Jenny' }).waitFor();
    await page.getByRole('heading', { name: 'Hello, Jenny Shopper' }).waitFor();
    await shot(page, 'account-profile');
    await page.getByRole('button', { name: 'Add an address' }).click();
    await page.getByLabel('Full name').fill('Jenny Shopper');
    await page.getByLabel('Address', { exact: true }).fill('10 Downing Street');
    await page.getByLabel('City').fill('London');
    await page.getByLabel('Postal code').fill('SW1A 2AA');
    await page.getByLabel('Country code').fill('GB');
    await page.getByRole('button', { name: 'Save address' }).click();
    await page.getByRole('list').filter({ hasText: '10 Downing Street' }).waitFor();
    const password = page.locator('form', { has: page.getByRole('button', { name: 'Change password' }) });
    await password.getByLabel('Current password').fill('not my password at all');
    await password.getByLabel('New password').fill('another long passphrase 43');
    await password.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => password.getByLabel('Current password').getAttribute('aria-invalid'), { timeout: 15_000 })
      .toBe('true');
    await password.getByLabel('Current password').fill('a long and unusual passphrase 42');
    await password.getByLabel('New password').fill('another long passphrase 43');
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('Your password was changed.').waitFor({ timeout: 15_000 });
    await shot(page, 'account-password');
    // Changing the password ended every session; the page signed in again, and a reload keeps that.
    await page.reload();
    await page.getByRole('heading', { name: 'Hello, Jenny Shopper' }).waitFor({ timeout: 15_000 });

    // 9. Checkout with the TEST provider's succeeding card: shipping, tax and total are
    //    quoted before paying, for a new address and for the saved one; the payment is
    //    confirmed asynchronously, the confirmation page follows the order until it is PAID.
    await page.getByRole('link', { name: /Cart, 2 items/ }).click();
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { name: 'Checkout', exact: true }).waitFor();
    const saved = page.getByRole('radio', { name: /10 Downing Street/ });
    await expect.poll(() => saved.isChecked(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('radio', { name: 'A new address' }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect.poll(() => page.getByLabel('Full name').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'checkout-invalid');
    await fillAddress(page);
    const quoteTotal = page.getByTestId('quote-total');
    await quoteTotal.waitFor({ timeout: 15_000 });
    const usTotal = await quoteTotal.textContent();
    expect(await page.getByTestId('quote-shipping').textContent()).toMatch(/^\$\d+\.\d\d$/);
    expect(await page.getByTestId('quote-tax').textContent()).toMatch(/^\$\d+\.\d\d$/);
    await shot(page, 'checkout-quote');
    // The saved London address: GB shipping and VAT, quoted again.
    await saved.check();
    await expect.poll(() => page.getByLabel('Full name').count()).toBe(0);
    await expect.poll(() => quoteTotal.textContent(), { timeout: 15_000 }).not.toBe(usTotal);
    await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
    const quoted = {
      shipping: await page.getByTestId('quote-shipping').textContent(),
      tax: await page.getByTestId('quote-tax').textContent(),
      total: await quoteTotal.textContent(),
    };
    await page.getByRole('radio', { name: 'Test card: payment succeeds' }).check();
    await shot(page, 'checkout');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/order\//, { timeout: 20_000 });
    const heading = page.getByRole('heading', { name: /^Order SG-/ });
    await heading.waitFor();
    await expect
      .poll(() => page.locator('.order-status .badge').getAttribute('data-status'), { timeout: 20_000 })
      .toBe('PAID');
    const number = ((await heading.textContent()) ?? '').replace(/^Order /, '');
    expect(await page.getByRole('table').getByRole('row').count()).toBe(2);
    for (const label of ['Subtotal', 'Shipping', 'Tax', 'Total']) {
      expect(await page.locator('.summary dt', { hasText: new RegExp(`^${label}$`) }).count()).toBe(1);
    }
    // The order costs exactly what the checkout quoted.
    const summary = (label: string) =>
      page
        .locator('.summary dt', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .textContent();
    expect({
      shipping: await summary('Shipping'),
      tax: await summary('Tax'),
      total: await page.locator('.summary dd.total').textContent(),
    }).toEqual(quoted);
    expect(await page.getByText('10 Downing Street').count()).toBeGreaterThan(0);
    await shot(page, 'order-paid');

    // 10. The order is in the account's order history, paid, and links back to itself.
    await page.getByRole('link', { name: 'Your order history' }).click();
    await page.getByRole('heading', { name: 'Order history' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: number });
    await expect.poll(() => row.getByText('Paid').count(), { timeout: 15_000 }).toBe(1);
    await row.getByRole('link', { name: number }).waitFor();
    await shot(page, 'order-history');

    expect(foreign).toEqual([]);
    await page.close();
  }, 180_000);

  it('a declined card says so and keeps the cart', async () => {
    const base = stack?.urls.storefront as string;
    const page = await context!.newPage();
    // A guest this time: the customer's session from the journey above is forgotten.
    await context!.clearCookies();
    await page.goto(base, { waitUntil: 'networkidle' });
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${base}/search?q=`, { waitUntil: 'networkidle' });
    await page
      .locator('.grid .card')
      .filter({ hasNot: page.locator('.badge') })
      .first()
      .locator('.card-link')
      .click();
    await page.waitForURL(/\/p\//);
    await chooseAvailableVariant(page);
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expect.poll(() => page.locator('.cart-count').textContent(), { timeout: 15_000 }).toBe('1');

    await page.goto(`${base}/checkout`);
    await page.getByLabel('Email').fill(`declined-${Date.now()}@storegraph.test`);
    await fillAddress(page);
    // A guest's cart is quoted too.
    await page.getByTestId('quote-total').waitFor({ timeout: 15_000 });
    await page.getByRole('radio', { name: 'Test card: card declined' }).check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByText('Your card was declined.').waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/\/checkout$/);
    expect(await page.getByRole('list', { name: 'Items' }).getByRole('listitem').count()).toBe(1);
    await shot(page, 'checkout-declined');

    await page.getByRole('link', { name: 'Edit cart' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Cart lines' }).getByRole('listitem').count()).toBe(1);
    expect(await page.locator('.cart-count').textContent()).toBe('1');
    await shot(page, 'cart-kept');
  }, 90_000);

  it('passes an automated accessibility audit (axe-core, WCAG 2 A/AA) on every kind of page', async () => {
    const base = stack?.urls.storefront as string;
    const page = await context!.newPage();
    const audit = async (name: string, url: string, ready: string) => {
      await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
      await page.locator(ready).first().waitFor();
      const violations = await accessibilityAudit(page);
      // Rules that passed prove the audit ran against the rendered page.
      expect(violations.passed).toBeGreaterThan(10);
      return { name, passed: violations.passed, violations: violations.violations };
    };
    const results = [await audit('home', '/', 'h2'), await audit('listing', '/search?q=', '.grid .card')];
    const product = await page.locator('.grid .card a').first().getAttribute('href');
    results.push(await audit('product', product ?? '/', 'h1'));
    results.push(await audit('cart', '/cart', 'h1'));
    results.push(await audit('sign in', '/account/login', 'form'));
    results.push(await audit('register', '/account/register', 'form'));
    // A guest's checkout, with the cart the declined card kept, and its quote once an address is typed.
    results.push(await audit('checkout', '/checkout', 'form'));
    for (const r of results) {
      console.log(
        `accessibility (axe-core ${AXE_VERSION}): ${r.name}: ${r.passed} rules passed, ${r.violations.length} violations ${JSON.stringify(r.violations)}`,
      );
    }
    expect(results.flatMap((r) => r.violations.map((v: { id: string }) => `${r.name}: ${v.id}`))).toEqual([]);
  }, 120_000);

  it('reads well at phone width', async () => {
    const page = await context!.newPage();
    await page.setViewportSize({ width: 375, height: 780 });
    await page.goto(`${stack?.urls.storefront}/search?q=`, { waitUntil: 'networkidle' });
    await page.locator('.grid .card').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'phone-listing');
  }, 60_000);
});
