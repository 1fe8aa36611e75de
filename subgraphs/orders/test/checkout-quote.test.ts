import { randomUUID } from 'node:crypto';
import type { Authenticate, Viewer } from '@storegraph/graphql-kit';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpCartClient } from '../src/data/cart.client.js';
import { HttpInventoryClient } from '../src/data/inventory.client.js';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { mergeLines, priceCheckout, shortageErrors } from '../src/domain/checkout-pricing.js';
import type { ReservedLine } from '../src/domain/ports.js';
import { priceOrder } from '../src/domain/pricing.js';
import { createOrdersServer } from '../src/server.js';
import { unavailablePorts } from './unavailable-ports.js';

const line = (unitPriceMinor: number, quantity: number, currencyCode = 'USD'): ReservedLine => ({
  variantId: randomUUID(),
  productId: randomUUID(),
  sku: `SKU-${unitPriceMinor}`,
  productTitle: 'Thing',
  variantTitle: 'Default',
  quantity,
  unitPriceMinor,
  currencyCode,
});

describe('the pricing step shared by checkout and checkoutQuote', () => {
  it("answers priceOrder's amounts for the lines' one currency", () => {
    const lines = [line(1_250, 2), line(399, 1)];
    const priced = priceCheckout(lines, { country: 'US', region: 'CA' });
    expect(priced).toEqual({
      ok: true,
      priced: { ...priceOrder(lines, { country: 'US', region: 'CA' }, 'USD'), currencyCode: 'USD' },
    });
    // 28.99 + 5.99 shipping + 7.25 % of 28.99 (2.10).
    expect(priced.ok && [priced.priced.subtotalMinor, priced.priced.shippingMinor, priced.priced.taxMinor]).toEqual([
      2_899, 599, 210,
    ]);
    expect(priced.ok && priced.priced.totalMinor).toBe(3_708);
  });

  it('refuses mixed currencies on the cart and a currency a zone cannot ship, on their fields', () => {
    expect(priceCheckout([line(100, 1), line(100, 1, 'EUR')], { country: 'US', region: null })).toEqual({
      ok: false,
      error: { code: 'CURRENCY_MISMATCH', message: 'The cart mixes currencies.', field: ['input', 'cartId'] },
    });
    expect(priceCheckout([line(100, 1, 'JPY')], { country: 'DE', region: null })).toMatchObject({
      ok: false,
      error: { code: 'SHIPPING_UNAVAILABLE', field: ['input', 'shippingAddress'] },
    });
  });

  it('merges lines of one variant and names shortages by variant', () => {
    const v = randomUUID();
    expect(
      mergeLines([
        { variantId: v, quantity: 2 },
        { variantId: v, quantity: 3 },
      ]),
    ).toEqual([{ variantId: v, quantity: 5 }]);
    expect(
      shortageErrors([
        { variantId: v, requested: 5, available: 2, reason: 'INSUFFICIENT_STOCK' },
        { variantId: 'gone', requested: 1, available: 0, reason: 'VARIANT_NOT_FOUND' },
      ]),
    ).toEqual([
      { code: 'OUT_OF_STOCK', message: `Only 2 of variant ${v} in stock; 5 requested.`, field: ['input', 'cartId', v] },
      { code: 'VARIANT_UNAVAILABLE', message: 'Variant gone is no longer sold.', field: ['input', 'cartId', 'gone'] },
    ]);
  });
});

const QUOTE = `query($i: CheckoutQuoteInput!) { checkoutQuote(input: $i) {
  quote { subtotal { amount currencyCode } shipping { amount } tax { amount } total { amount } }
  userErrors { code field message } } }`;

const authenticate: Authenticate = async (headers) =>
  headers['x-test-viewer'] ? (JSON.parse(String(headers['x-test-viewer'])) as Viewer) : null;

async function start(ports: typeof unavailablePorts) {
  const service = await createOrdersServer({
    logger: silentLogger(),
    prisma: createPrismaClient(process.env.DATABASE_URL as string),
    authenticate,
    ...ports,
    providers: [],
    orderTokenSecret: 'order-token-secret-for-tests-0123456789',
  });
  const { url } = await service.listen(0);
  return { url, stop: () => service.stop() };
}

async function quote(url: string, input: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUOTE, variables: { i: input } }),
  });
  return { text: await res.clone().text(), body: (await res.json()) as any };
}

const address = { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

describe('checkoutQuote input', () => {
  let validating: Awaited<ReturnType<typeof start>>;
  let unreachable: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    // Bad input is answered before any other service is asked (these ports fail the test if called).
    validating = await start(unavailablePorts);
    // Real clients of services that do not answer (nothing listens on port 9).
    unreachable = await start({
      ...unavailablePorts,
      cart: new HttpCartClient('http://127.0.0.1:9', 'internal-secret-for-tests-0123456789', 500),
      inventory: new HttpInventoryClient('http://127.0.0.1:9', 'internal-secret-for-tests-0123456789', 500),
    });
  });

  afterAll(async () => {
    await validating?.stop();
    await unreachable?.stop();
  });

  it('checks the address as checkout does (graphql-kit checkAddress), on the input fields', async () => {
    const { body } = await quote(validating.url, {
      cartId: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      shippingAddress: { ...address, country: 'XX', postalCode: '' },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.checkoutQuote.quote).toBeNull();
    const errors = body.data.checkoutQuote.userErrors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'INVALID_COUNTRY', field: ['input', 'shippingAddress', 'country'] }),
        expect.objectContaining({ field: ['input', 'shippingAddress', 'postalCode'] }),
      ]),
    );
  });

  it('refuses a malformed cart id with a userError', async () => {
    const { body } = await quote(validating.url, { cartId: "x'; DROP TABLE carts; --", shippingAddress: address });
    expect(body.data.checkoutQuote).toEqual({
      quote: null,
      userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'cartId'], message: 'cartId is not a cart id.' }],
    });
  });

  it('answers SERVICE_UNAVAILABLE without internal addresses when the cart service does not answer', async () => {
    const { body, text } = await quote(unreachable.url, {
      cartId: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      shippingAddress: address,
    });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0].message).toBe('Prices cannot be computed right now; try again.');
    expect(text).not.toMatch(/127\.0\.0\.1|internal\/|stack|at .*\.ts/);
  });
});
