import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { cartWith, createProduct } from './checkout-helpers.js';
import type { Supergraph } from './supergraph.js';

// What the storefront's browser tests share: Debian's Chromium (the tests fail, never
// skip, without it), the storefront's production server in a child process, screenshots,
// and a guest's checkout page with one fresh product in the cart.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Throws (so the suite fails) when Chromium or the storefront build is missing. */
export function requireBrowserPrerequisites({ build = true } = {}): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  if (build && !existsSync(path.join(ROOT, 'storefront/dist/index.html'))) {
    throw new Error('The storefront is not built: run `pnpm build` (npm test builds it first).');
  }
}

/** Headless Chromium with a throwaway profile; `close` removes the profile too. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'storegraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts storefront/server.mjs (the production build) in a child process on `port` (a free one by default). */
export async function startStorefront(
  env: Record<string, string>,
  port?: number,
): Promise<{ url: string; child: ChildProcess; stop(): void }> {
  const listen = port ?? (await freePort());
  const child = spawn('node', ['server.mjs'], {
    cwd: path.join(ROOT, 'storefront'),
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(listen), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${listen}`;
  const stop = () => child.kill('SIGTERM');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, stop };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`storefront did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Numbered screenshots of a suite's steps in `dir` (emptied first): test artifacts, not committed. */
/**
 * axe-core's WCAG 2 A/AA rules run on the page as it is now: how many rules passed
 * (proof the audit saw the rendered page) and each violation. Evaluated over the
 * DevTools protocol, which the page's Content-Security-Policy does not govern.
 */
export async function accessibilityAudit(
  page: Page,
): Promise<{ passed: number; violations: Array<{ id: string; impact: string | null; nodes: number }> }> {
  await page.evaluate(AXE_SOURCE());
  return page.evaluate(async () => {
    const result = await (globalThis as any).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return {
      passed: result.passes.length as number,
      violations: result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
    };
  });
}

let axeSource: string | undefined;
const AXE_SOURCE = () => {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
};

export function screenshots(dir: string): (page: Page, name: string) => Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let step = 0;
  return async (page, name) => {
    step += 1;
    await page.screenshot({ path: path.join(dir, `${String(step).padStart(2, '0')}-${name}.png`) });
  };
}

/** A guest's cart with one line of a fresh product, opened at the checkout of `base`, contact and address filled in. */
export async function guestCheckout(
  context: BrowserContext,
  base: string,
  sg: Supergraph,
  admin: Record<string, string>,
  { price = '24.00', name = 'Guest Shopper' } = {},
) {
  const [variant] = await createProduct(sg, admin, [{ price, stock: 10 }]);
  const cartId = await cartWith(sg, [{ variantId: variant.id, quantity: 1 }]);
  const page = await context.newPage();
  await page.goto(base);
  await page.evaluate((id) => (globalThis as any).localStorage.setItem('storegraph.guestCartId', id), cartId);
  await page.goto(`${base}/checkout`);
  await page.getByRole('heading', { name: 'Checkout', exact: true }).waitFor();
  await page.getByRole('list', { name: 'Items' }).getByRole('listitem').first().waitFor();
  await fillGuestContact(page, name);
  return { page, cartId, variant };
}

/** Fills the checkout's contact and address fields for a guest with a fresh email. */
export async function fillGuestContact(page: Page, name = 'Guest Shopper') {
  await page.getByLabel('Email').fill(`guest-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@storegraph.test`);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Address', { exact: true }).fill('1 Analytical Way');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('State / region (optional)').fill('CA');
  await page.getByLabel('Postal code').fill('90210');
}
