import { randomUUID } from 'node:crypto';
import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  address,
  available,
  CHECKOUT,
  cartWith,
  createProduct,
  guestInput,
  onHand,
  READ,
  waitFor,
} from './checkout-helpers.js';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let admin: Record<string, string>;

beforeAll(async () => {
  sg = await startSupergraph();
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 20 });
  admin = await sg.bearer(randomUUID(), 'ADMIN');
});

afterAll(async () => {
  await sg?.stop();
});

const read = (id: string, token: string | null, headers: Record<string, string> = {}) =>
  sg.gql(READ, { id, t: token }, headers).then((r) => r.data?.order ?? null);
const untilStatus = (id: string, token: string | null, status: string, headers: Record<string, string> = {}) =>
  waitFor(
    () => read(id, token, headers),
    (o) => o?.status === status,
  );

describe('checkout with the TEST provider through the router', () => {
  it('checks a guest out: authoritative prices, shipping and tax, PAID through the async path, stock committed, cart cleared', async () => {
    const [a, b] = await createProduct(sg, admin, [
      { price: '12.50', stock: 5 },
      { price: '3.99', stock: 2 },
    ]);
    const cartId = await cartWith(sg, [
      { variantId: a.id, quantity: 2 },
      { variantId: b.id, quantity: 1 },
    ]);
    const res = await sg.gql(CHECKOUT, { i: guestInput(cartId) });
    expect(res.errors).toBeUndefined();
    const { order, orderToken, userErrors } = res.data.checkout;
    expect(userErrors).toEqual([]);
    expect(orderToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(order.status).toBe('PENDING_PAYMENT');
    expect(order.number).toMatch(/^SG-\d{6,}$/);
    // 2 x 12.50 + 3.99 = 28.99; US shipping 5.99 below 50.00; California 7.25 % of 28.99 = 2.1018 -> 2.10.
    expect(order.subtotal).toEqual({ amount: '28.99', currencyCode: 'USD' });
    expect(order.shipping.amount).toBe('5.99');
    expect(order.tax.amount).toBe('2.10');
    expect(order.total.amount).toBe('37.08');
    // Lines come in the reservation's order (by variant id); compared here by SKU.
    const lines = order.lines
      .map((l: any) => [l.sku, l.quantity, l.unitPrice.amount, l.lineTotal.amount])
      .sort((x: string[], y: string[]) => (x[0] as string).localeCompare(y[0] as string));
    expect(lines).toEqual([
      [a.sku, 2, '12.50', '25.00'],
      [b.sku, 1, '3.99', '3.99'],
    ]);
    expect(order.lines[0].variant.sku).toBeTruthy();
    // The outcome arrives asynchronously (the TEST provider delivers it 50 ms later), possibly before this answer.
    expect(order.payment).toMatchObject({ provider: 'TEST', amount: { amount: '37.08' } });
    expect(['PROCESSING', 'SUCCEEDED']).toContain(order.payment.status);
    expect(await available(sg, a.id)).toBe(3);

    const paid = await untilStatus(order.id, orderToken, 'PAID');
    expect(paid.payment.status).toBe('SUCCEEDED');
    const transitions = await sg.prisma.orders.orderTransition.findMany({
      where: { orderId: order.id },
      orderBy: { id: 'asc' },
    });
    expect(transitions.map((t) => [t.toStatus, t.cause])).toEqual([
      ['PENDING_PAYMENT', 'checkout'],
      ['PAID', 'payment succeeded (test.succeeded)'],
    ]);
    // products commits the reservation from OrderPaidV1; the cart service clears the cart.
    await waitFor(
      () => onHand(sg, a.id),
      (n) => n === 3,
    );
    expect(await onHand(sg, a.id)).toBe(3);
    expect(await available(sg, a.id)).toBe(3);
    const cart = await waitFor(
      () => sg.gql(`query($id: ID!) { cart(id: $id) { totalQuantity } }`, { id: cartId }),
      (r) => (r.data?.cart?.totalQuantity ?? 0) === 0,
    );
    expect(cart.data.cart?.totalQuantity ?? 0).toBe(0);
    // A price change later does not touch the order's snapshot.
    await sg.gql(
      `mutation($v: ID!) { variantPriceSet(variantId: $v, price: "99.00") { userErrors { code } } }`,
      { v: a.id },
      admin,
    );
    expect((await read(order.id, orderToken)).lines.find((l: any) => l.sku === a.sku).unitPrice.amount).toBe('12.50');
  });

  it('answers the same key and input with the same order, refuses the key for another input, and makes one order of concurrent duplicates', async () => {
    const [v] = await createProduct(sg, admin, [{ price: '10.00', stock: 10 }]);
    const cartId = await cartWith(sg, [{ variantId: v.id, quantity: 1 }]);
    const input = guestInput(cartId);
    const runs = await Promise.all(Array.from({ length: 5 }, () => sg.gql(CHECKOUT, { i: input })));
    const ids = new Set(runs.map((r) => r.data.checkout.order?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
    expect(new Set(runs.map((r) => r.data.checkout.orderToken)).size).toBe(1);
    expect(await sg.prisma.orders.order.count({ where: { email: input.email } })).toBe(1);
    expect(await available(sg, v.id)).toBe(9);

    const again = await sg.gql(CHECKOUT, { i: input });
    expect(again.data.checkout.order.id).toBe([...ids][0]);
    const reused = await sg.gql(CHECKOUT, { i: { ...input, shippingAddress: address('GB', null) } });
    expect(reused.data.checkout).toMatchObject({ order: null, orderToken: null });
    expect(reused.data.checkout.userErrors).toEqual([
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }),
    ]);
  });

  it('reserves all or nothing: one short line refuses the checkout and keeps no stock; the cart stays usable', async () => {
    const [plenty, scarce] = await createProduct(sg, admin, [
      { price: '5.00', stock: 10 },
      { price: '7.00', stock: 3 },
    ]);
    const cartId = await cartWith(sg, [
      { variantId: plenty.id, quantity: 2 },
      { variantId: scarce.id, quantity: 3 },
    ]);
    await sg.gql(
      `mutation($v: ID!) { inventorySet(variantId: $v, quantityOnHand: 1) { userErrors { code } } }`,
      { v: scarce.id },
      admin,
    );
    const res = await sg.gql(CHECKOUT, { i: guestInput(cartId) });
    expect(res.data.checkout.order).toBeNull();
    expect(res.data.checkout.userErrors).toEqual([
      expect.objectContaining({ code: 'OUT_OF_STOCK', field: ['input', 'cartId', scarce.id] }),
    ]);
    expect(await available(sg, plenty.id)).toBe(10);
    expect(await available(sg, scarce.id)).toBe(1);
    const added = await sg.gql(
      `mutation($c: ID!, $l: [CartLineInput!]!) { cartLinesAdd(cartId: $c, lines: $l) { userErrors { code } } }`,
      { c: cartId, l: [{ variantId: plenty.id, quantity: 1 }] },
    );
    expect(added.data.cartLinesAdd.userErrors).toEqual([]);
  });

  it('fails a declined payment: PAYMENT_FAILED, stock released, cart kept and unlocked', async () => {
    const [v] = await createProduct(sg, admin, [{ price: '20.00', stock: 4 }]);
    const cartId = await cartWith(sg, [{ variantId: v.id, quantity: 3 }]);
    const res = await sg.gql(CHECKOUT, { i: guestInput(cartId, 'tok_chargeDeclined') });
    const { order, orderToken } = res.data.checkout;
    const failed = await untilStatus(order.id, orderToken, 'PAYMENT_FAILED');
    expect(failed.payment.status).toBe('FAILED');
    await waitFor(
      () => available(sg, v.id),
      (n) => n === 4,
    );
    expect(await available(sg, v.id)).toBe(4);
    expect(await onHand(sg, v.id)).toBe(4);
    const cart = await sg.gql(`query($id: ID!) { cart(id: $id) { totalQuantity } }`, { id: cartId });
    expect(cart.data.cart.totalQuantity).toBe(3);
    const retry = await sg.gql(CHECKOUT, { i: guestInput(cartId) });
    expect(retry.data.checkout.userErrors).toEqual([]);
    await untilStatus(retry.data.checkout.order.id, retry.data.checkout.orderToken, 'PAID');
  });

  it('waits for paymentConfirm on tok_requiresAction, then pays through the async path', async () => {
    const [v] = await createProduct(sg, admin, [{ price: '60.00', stock: 2 }]);
    const cartId = await cartWith(sg, [{ variantId: v.id, quantity: 1 }]);
    const res = await sg.gql(CHECKOUT, { i: guestInput(cartId, 'tok_requiresAction') });
    const { order, orderToken } = res.data.checkout;
    expect(order.payment.status).toBe('REQUIRES_ACTION');
    // 60.00 reaches the free-shipping threshold.
    expect(order.shipping.amount).toBe('0.00');
    const CONFIRM = `mutation($id: ID!, $t: String) { paymentConfirm(orderId: $id, orderToken: $t) { order { status payment { status } } userErrors { code } } }`;
    const stranger = await sg.gql(CONFIRM, { id: order.id, t: 'not-the-token' });
    expect(stranger.data.paymentConfirm).toEqual({ order: null, userErrors: [{ code: 'ORDER_NOT_FOUND' }] });
    const confirmed = await sg.gql(CONFIRM, { id: order.id, t: orderToken });
    expect(confirmed.data.paymentConfirm.userErrors).toEqual([]);
    expect(['PROCESSING', 'SUCCEEDED']).toContain(confirmed.data.paymentConfirm.order.payment.status);
    await untilStatus(order.id, orderToken, 'PAID');
    const twice = await sg.gql(CONFIRM, { id: order.id, t: orderToken });
    expect(twice.data.paymentConfirm.userErrors).toEqual([{ code: 'INVALID_ORDER_STATE' }]);
  });
});

const QUOTE = `query($i: CheckoutQuoteInput!) { checkoutQuote(input: $i) {
  quote { subtotal { amount currencyCode } shipping { amount currencyCode } tax { amount currencyCode } total { amount currencyCode } }
  userErrors { code field message } } }`;

describe('checkoutQuote through the router', () => {
  it('quotes what the order placed right after costs, to each address, holding nothing', async () => {
    const [a, b] = await createProduct(sg, admin, [
      { price: '12.50', stock: 5 },
      { price: '3.99', stock: 2 },
    ]);
    const cartId = await cartWith(sg, [
      { variantId: a.id, quantity: 2 },
      { variantId: b.id, quantity: 1 },
    ]);
    for (const shippingAddress of [
      address('US', 'CA'),
      address('GB', null),
      address('CA', 'ON'),
      address('JP', null),
    ]) {
      const quoted = await sg.gql(QUOTE, { i: { cartId, shippingAddress } });
      expect(quoted.errors).toBeUndefined();
      expect(quoted.data.checkoutQuote.userErrors).toEqual([]);
      const { quote } = quoted.data.checkoutQuote;
      for (const part of ['subtotal', 'shipping', 'tax', 'total']) expect(quote[part].currencyCode).toBe('USD');
      expect(quote.subtotal.amount).toBe('28.99');
      // Holding nothing: the stock and the cart are as they were.
      expect(await available(sg, a.id)).toBe(5);
      if (shippingAddress.country === 'US') {
        expect([quote.shipping.amount, quote.tax.amount, quote.total.amount]).toEqual(['5.99', '2.10', '37.08']);
      }
    }
    // The order placed to the GB address after its quote costs exactly what was quoted.
    const gb = (await sg.gql(QUOTE, { i: { cartId, shippingAddress: address('GB', null) } })).data.checkoutQuote.quote;
    // GB: 8.99 shipping, 20 % of (28.99 + 8.99) = 7.596 -> 7.60.
    expect([gb.shipping.amount, gb.tax.amount, gb.total.amount]).toEqual(['8.99', '7.60', '45.58']);
    const placed = await sg.gql(CHECKOUT, {
      i: guestInput(cartId, 'tok_visa', { shippingAddress: address('GB', null) }),
    });
    expect(placed.data.checkout.userErrors).toEqual([]);
    const { order } = placed.data.checkout;
    expect({
      subtotal: order.subtotal.amount,
      shipping: order.shipping.amount,
      tax: order.tax.amount,
      total: order.total.amount,
    }).toEqual({
      subtotal: gb.subtotal.amount,
      shipping: gb.shipping.amount,
      tax: gb.tax.amount,
      total: gb.total.amount,
    });
  });

  it("quotes a customer's cart for that customer only; unknown, empty and short carts get their codes", async () => {
    const [v] = await createProduct(sg, admin, [{ price: '40.00', stock: 2 }]);
    const ada = await sg.bearer(randomUUID());
    const own = await cartWith(sg, [{ variantId: v.id, quantity: 2 }], ada);
    const input = { cartId: own, shippingAddress: address('US', 'NY') };
    const mine = await sg.gql(QUOTE, { i: input }, ada);
    // 80.00 reaches free US shipping; NY 4 % = 3.20.
    expect(mine.data.checkoutQuote.quote).toMatchObject({
      shipping: { amount: '0.00' },
      tax: { amount: '3.20' },
      total: { amount: '83.20' },
    });
    const notFound = [{ code: 'CART_NOT_FOUND', field: ['input', 'cartId'], message: 'The cart was not found.' }];
    expect((await sg.gql(QUOTE, { i: input })).data.checkoutQuote).toEqual({ quote: null, userErrors: notFound });
    expect((await sg.gql(QUOTE, { i: input }, await sg.bearer(randomUUID()))).data.checkoutQuote.userErrors).toEqual(
      notFound,
    );
    const unknown = await sg.gql(QUOTE, { i: { ...input, cartId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(unknown.data.checkoutQuote.userErrors).toEqual(notFound);

    const empty = await cartWith(sg, []);
    expect((await sg.gql(QUOTE, { i: { ...input, cartId: empty } })).data.checkoutQuote.userErrors).toEqual([
      { code: 'CART_EMPTY', field: ['input', 'cartId'], message: 'The cart is empty.' },
    ]);

    await sg.gql(
      `mutation($v: ID!) { inventorySet(variantId: $v, quantityOnHand: 1) { userErrors { code } } }`,
      { v: v.id },
      admin,
    );
    const short = await sg.gql(QUOTE, { i: input }, ada);
    expect(short.data.checkoutQuote).toEqual({
      quote: null,
      userErrors: [expect.objectContaining({ code: 'OUT_OF_STOCK', field: ['input', 'cartId', v.id] })],
    });

    const bad = await sg.gql(QUOTE, { i: { ...input, shippingAddress: { ...address(), country: 'Narnia' } } }, ada);
    expect(bad.data.checkoutQuote.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_COUNTRY', field: ['input', 'shippingAddress', 'country'] }),
    ]);
  });
});
