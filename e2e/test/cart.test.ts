import { randomUUID } from 'node:crypto';
import { internalCallHeaders } from '@storegraph/auth';
import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CART_OPS, cartMutation, customer, productWithVariants } from './cart-fixtures.js';
import { INTERNAL_SECRET, type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let admin: Record<string, string>;
/** USD variants: stock 500, 30, 3, 200; a EUR one; one of a deleted product. */
let plenty: string;
let thirty: string;
let three: string;
let spare: string;
let euro: string;
let deleted: string;

const codes = (payload: any) => payload.userErrors.map((e: any) => e.code);
const quantities = (cart: any) => Object.fromEntries(cart.lines.map((l: any) => [l.variant.id, l.quantity]));

beforeAll(async () => {
  // The concurrency tests put 50 mutations (100 catalog calls) on one process at once: a busy CI
  // machine needs more than the default 3 s router timeout for them.
  sg = await startSupergraph({ subgraphTimeoutMs: 15_000 });
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 150 });
  admin = await sg.bearer(randomUUID(), 'ADMIN');
  [plenty, thirty, three, spare] = (await productWithVariants(sg, admin, [
    { price: '10.00', stock: 500 },
    { price: '5.00', stock: 30 },
    { price: '20.00', stock: 3 },
    { price: '1.50', stock: 200 },
  ])) as [string, string, string, string];
  [euro] = (await productWithVariants(sg, admin, [{ price: '8.00', stock: 10 }], 'EUR')) as [string];
  const [gone] = (await productWithVariants(sg, admin, [{ price: '3.00', stock: 10 }])) as [string];
  deleted = gone;
  const productId = (await sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: gone } })).productId;
  const res = await sg.gql(
    'mutation($id: ID!) { productDelete(id: $id) { userErrors { code } } }',
    { id: productId },
    admin,
  );
  expect(res.data.productDelete.userErrors).toEqual([]);
});

afterAll(async () => {
  await sg?.stop();
});

describe('guest carts through the router', () => {
  it('creates, reads, adds (merging a variant into one stable line), updates and removes', async () => {
    const empty = await cartMutation(sg, 'create', {});
    expect(empty.userErrors).toEqual([]);
    expect(empty.cart).toMatchObject({
      totalQuantity: 0,
      lines: [],
      subtotal: { amount: '0.00', currencyCode: 'USD' },
    });
    const cartId = empty.cart.id;
    expect(cartId).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const added = await cartMutation(sg, 'add', {
      cartId,
      lines: [
        { variantId: plenty, quantity: 2 },
        { variantId: spare, quantity: 4 },
        { variantId: plenty, quantity: 1 },
      ],
    });
    expect(added.userErrors).toEqual([]);
    expect(added.cart.lines).toEqual([
      {
        id: `${cartId}.${plenty}`,
        quantity: 3,
        variant: { id: plenty, sku: expect.any(String) },
        unitPrice: { amount: '10.00', currencyCode: 'USD' },
        lineTotal: { amount: '30.00' },
      },
      {
        id: `${cartId}.${spare}`,
        quantity: 4,
        variant: { id: spare, sku: expect.any(String) },
        unitPrice: { amount: '1.50', currencyCode: 'USD' },
        lineTotal: { amount: '6.00' },
      },
    ]);
    expect(added.cart.subtotal).toEqual({ amount: '36.00', currencyCode: 'USD' });
    expect(Date.parse(added.cart.updatedAt)).toBeGreaterThanOrEqual(Date.parse(empty.cart.updatedAt));

    const again = await cartMutation(sg, 'add', { cartId, lines: [{ variantId: plenty, quantity: 1 }] });
    expect(again.cart.lines.map((l: any) => [l.id, l.quantity])).toEqual([
      [`${cartId}.${plenty}`, 4],
      [`${cartId}.${spare}`, 4],
    ]);

    const updated = await cartMutation(sg, 'update', {
      cartId,
      lines: [
        { lineId: `${cartId}.${plenty}`, quantity: 7 },
        { lineId: `${cartId}.${spare}`, quantity: 0 },
      ],
    });
    expect(updated.userErrors).toEqual([]);
    expect(updated.cart).toMatchObject({ totalQuantity: 7, subtotal: { amount: '70.00' } });
    expect(quantities(updated.cart)).toEqual({ [plenty]: 7 });

    const removed = await cartMutation(sg, 'remove', { cartId, lineIds: [`${cartId}.${plenty}`] });
    expect(removed.userErrors).toEqual([]);
    expect(removed.cart).toMatchObject({ lines: [], totalQuantity: 0 });

    const read = await sg.gql(CART_OPS.read, { id: cartId });
    expect(read.data.cart).toMatchObject({ id: cartId, lines: [], subtotal: { amount: '0.00' } });
  });

  it('prices lines live: a price changed by an admin shows at the next read', async () => {
    const [variant] = await productWithVariants(sg, admin, [{ price: '12.00', stock: 50 }]);
    const created = await cartMutation(sg, 'create', { lines: [{ variantId: variant, quantity: 3 }] });
    expect(created.cart.subtotal.amount).toBe('36.00');
    const priced = await sg.gql(
      'mutation($v: ID!) { variantPriceSet(variantId: $v, price: "9.99") { userErrors { code } } }',
      { v: variant },
      admin,
    );
    expect(priced.data.variantPriceSet.userErrors).toEqual([]);
    const read = await sg.gql(CART_OPS.read, { id: created.cart.id });
    expect(read.data.cart.lines[0]).toMatchObject({ unitPrice: { amount: '9.99' }, lineTotal: { amount: '29.97' } });
    expect(read.data.cart.subtotal).toEqual({ amount: '29.97', currencyCode: 'USD' });
  });

  it('keeps the catalog field that tells deleted variants apart out of the public API', async () => {
    const res = await sg.gql('query($id: ID!) { cart(id: $id) { lines { variant { discontinued } } } }', { id: 'x' });
    expect(res.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('every cart userError', () => {
  it('INVALID_QUANTITY: outside 1..99 per line, also when the cart already holds some', async () => {
    const refused = await cartMutation(sg, 'create', { lines: [{ variantId: plenty, quantity: 0 }] });
    expect(refused.cart).toBeNull();
    expect(refused.userErrors).toEqual([
      { code: 'INVALID_QUANTITY', field: ['lines', '0', 'quantity'], message: 'Quantity must be between 1 and 99.' },
    ]);
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: plenty, quantity: 90 }] });
    const over = await cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: plenty, quantity: 10 }] });
    expect(over.userErrors).toEqual([
      {
        code: 'INVALID_QUANTITY',
        field: ['lines', '0', 'quantity'],
        message: 'A cart line holds at most 99; this cart already has 90.',
      },
    ]);
    expect(quantities(over.cart)).toEqual({ [plenty]: 90 });
    const update = await cartMutation(sg, 'update', {
      cartId: cart.id,
      lines: [{ lineId: `${cart.id}.${plenty}`, quantity: 100 }],
    });
    expect(codes(update)).toEqual(['INVALID_QUANTITY']);
  });

  it('INSUFFICIENT_STOCK names the quantity available, counting what the cart holds', async () => {
    const refused = await cartMutation(sg, 'create', { lines: [{ variantId: three, quantity: 4 }] });
    expect(refused.userErrors).toEqual([
      { code: 'INSUFFICIENT_STOCK', field: ['lines', '0', 'quantity'], message: 'Only 3 available.' },
    ]);
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: three, quantity: 2 }] });
    const more = await cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: three, quantity: 2 }] });
    expect(more.userErrors).toEqual([
      {
        code: 'INSUFFICIENT_STOCK',
        field: ['lines', '0', 'quantity'],
        message: 'Only 3 available; this cart already has 2.',
      },
    ]);
    const update = await cartMutation(sg, 'update', {
      cartId: cart.id,
      lines: [{ lineId: `${cart.id}.${three}`, quantity: 5 }],
    });
    expect(update.userErrors[0]).toMatchObject({ code: 'INSUFFICIENT_STOCK', message: 'Only 3 available.' });
    expect(quantities(update.cart)).toEqual({ [three]: 2 });
  });

  it('VARIANT_NOT_FOUND for unknown, malformed and deleted variants', async () => {
    const res = await cartMutation(sg, 'create', {
      lines: [
        { variantId: randomUUID(), quantity: 1 },
        { variantId: 'not-a-variant', quantity: 1 },
        { variantId: deleted, quantity: 1 },
        { variantId: plenty, quantity: 1 },
      ],
    });
    expect(res.cart).toBeNull();
    expect(res.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['VARIANT_NOT_FOUND', 'lines.0.variantId'],
      ['VARIANT_NOT_FOUND', 'lines.1.variantId'],
      ['VARIANT_NOT_FOUND', 'lines.2.variantId'],
    ]);
  });

  it('CURRENCY_MISMATCH: one currency per cart and per request', async () => {
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: plenty, quantity: 1 }] });
    const euros = await cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: euro, quantity: 1 }] });
    expect(euros.userErrors).toEqual([
      {
        code: 'CURRENCY_MISMATCH',
        field: ['lines'],
        message: 'This cart holds items priced in USD; a cart holds items of one currency only.',
      },
    ]);
    const mixed = await cartMutation(sg, 'create', {
      lines: [
        { variantId: plenty, quantity: 1 },
        { variantId: euro, quantity: 1 },
      ],
    });
    expect(codes(mixed)).toEqual(['CURRENCY_MISMATCH']);
    // An emptied cart takes any currency again.
    await cartMutation(sg, 'remove', { cartId: cart.id, lineIds: [`${cart.id}.${plenty}`] });
    const now = await cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: euro, quantity: 1 }] });
    expect(now.userErrors).toEqual([]);
    expect(now.cart.subtotal).toEqual({ amount: '8.00', currencyCode: 'EUR' });
  });

  it('CART_FULL beyond 100 lines, in one request or with what the cart holds', async () => {
    const inStock = await sg.prisma.products.productVariant.findMany({
      where: { quantityOnHand: { gt: 5 }, quantityReserved: 0, product: { deletedAt: null, currencyCode: 'USD' } },
      take: 101,
      orderBy: { id: 'asc' },
    });
    expect(inStock).toHaveLength(101);
    const lines = inStock.map((v) => ({ variantId: v.id, quantity: 1 }));
    const tooMany = await cartMutation(sg, 'create', { lines });
    expect(tooMany.userErrors).toEqual([
      { code: 'CART_FULL', field: ['lines'], message: 'A cart holds at most 100 lines.' },
    ]);
    const full = await cartMutation(sg, 'create', { lines: lines.slice(0, 100) });
    expect(full.userErrors).toEqual([]);
    expect(full.cart.lines).toHaveLength(100);
    const oneMore = await cartMutation(sg, 'add', { cartId: full.cart.id, lines: lines.slice(100) });
    expect(codes(oneMore)).toEqual(['CART_FULL']);
    const sameLine = await cartMutation(sg, 'add', { cartId: full.cart.id, lines: lines.slice(0, 1) });
    expect(sameLine.userErrors).toEqual([]);
  });

  it('LINE_NOT_FOUND for line ids that are not lines of this cart', async () => {
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: plenty, quantity: 1 }] });
    const other = await cartMutation(sg, 'create', { lines: [{ variantId: plenty, quantity: 1 }] });
    const update = await cartMutation(sg, 'update', {
      cartId: cart.id,
      lines: [
        { lineId: `${cart.id}.${spare}`, quantity: 1 },
        { lineId: `${other.cart.id}.${plenty}`, quantity: 1 },
        { lineId: 'nonsense', quantity: 0 },
      ],
    });
    expect(update.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['LINE_NOT_FOUND', 'lines.1.lineId'],
      ['LINE_NOT_FOUND', 'lines.2.lineId'],
    ]);
    const present = await cartMutation(sg, 'update', {
      cartId: cart.id,
      lines: [{ lineId: `${cart.id}.${spare}`, quantity: 1 }],
    });
    expect(present.userErrors).toEqual([
      { code: 'LINE_NOT_FOUND', field: ['lines', '0', 'lineId'], message: 'This cart has no such line.' },
    ]);
    const remove = await cartMutation(sg, 'remove', {
      cartId: cart.id,
      lineIds: [`${cart.id}.${plenty}`, `${cart.id}.${spare}`],
    });
    expect(remove.userErrors).toEqual([
      { code: 'LINE_NOT_FOUND', field: ['lineIds', '1'], message: 'This cart has no such line.' },
    ]);
    expect(quantities(remove.cart)).toEqual({ [plenty]: 1 });
  });

  it('CART_NOT_FOUND for unknown, guessed and malformed cart ids, never revealing which', async () => {
    const guessed = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    for (const cartId of [guessed, 'short', "../cart:*'"]) {
      for (const [op, variables] of [
        ['add', { cartId, lines: [{ variantId: plenty, quantity: 1 }] }],
        ['update', { cartId, lines: [{ lineId: `${cartId}.${plenty}`, quantity: 1 }] }],
        ['remove', { cartId, lineIds: [`${cartId}.${plenty}`] }],
      ] as const) {
        const payload = await cartMutation(sg, op, variables);
        expect(payload).toEqual({
          cart: null,
          userErrors: [{ code: 'CART_NOT_FOUND', field: ['cartId'], message: 'No such cart.' }],
        });
      }
      expect((await sg.gql(CART_OPS.read, { id: cartId })).data.cart).toBeNull();
    }
  });

  it('CART_LOCKED while a checkout holds the cart', async () => {
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: plenty, quantity: 1 }] });
    const lock = await fetch(new URL(`/internal/carts/${cart.id}/checkout`, sg.subgraphUrls.cart), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...internalCallHeaders(INTERNAL_SECRET, { requestId: 'e2e-lock', clientIp: '', authorization: undefined }),
      },
      body: JSON.stringify({ checkoutId: 'checkout-locked-1', customerId: null, ttlSeconds: 60 }),
    });
    expect(lock.status).toBe(200);
    const lineId = `${cart.id}.${plenty}`;
    for (const [op, variables] of [
      ['add', { cartId: cart.id, lines: [{ variantId: plenty, quantity: 1 }] }],
      ['update', { cartId: cart.id, lines: [{ lineId, quantity: 2 }] }],
      ['remove', { cartId: cart.id, lineIds: [lineId] }],
    ] as const) {
      const payload = await cartMutation(sg, op, variables);
      expect(payload.userErrors).toEqual([
        {
          code: 'CART_LOCKED',
          field: ['cartId'],
          message: 'This cart is being checked out; it cannot change until the checkout ends.',
        },
      ]);
      expect(quantities(payload.cart)).toEqual({ [plenty]: 1 });
    }
    const signedIn = await customer(sg);
    expect(codes(await cartMutation(sg, 'merge', { id: cart.id }, signedIn.headers))).toEqual(['CART_LOCKED']);
  });
});

describe('the concurrency of one cart', () => {
  it('ends 50 parallel one-unit adds at exactly 50', async () => {
    const { cart } = await cartMutation(sg, 'create', {});
    const payloads = await Promise.all(
      Array.from({ length: 50 }, () =>
        cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: plenty, quantity: 1 }] }),
      ),
    );
    expect(payloads.flatMap((p) => p.userErrors)).toEqual([]);
    expect((await sg.gql(CART_OPS.read, { id: cart.id })).data.cart.totalQuantity).toBe(50);
  });

  it('ends 50 parallel adds of a variant with 30 in stock at 30, refusing 20 with INSUFFICIENT_STOCK', async () => {
    const { cart } = await cartMutation(sg, 'create', {});
    const payloads = await Promise.all(
      Array.from({ length: 50 }, () =>
        cartMutation(sg, 'add', { cartId: cart.id, lines: [{ variantId: thirty, quantity: 1 }] }),
      ),
    );
    const errors = payloads.flatMap((p) => p.userErrors);
    expect(errors).toHaveLength(20);
    expect(new Set(errors.map((e: any) => e.message))).toEqual(
      new Set(['Only 30 available; this cart already has 30.']),
    );
    expect(quantities((await sg.gql(CART_OPS.read, { id: cart.id })).data.cart)).toEqual({ [thirty]: 30 });
  });
});

describe('signed-in carts', () => {
  it('gives each customer one cart (User.cart, empty at first) that cartCreate adds to', async () => {
    const ada = await customer(sg);
    const first = await sg.gql(CART_OPS.mine, {}, ada.headers);
    expect(first.errors).toBeUndefined();
    expect(first.data.me.cart).toMatchObject({ totalQuantity: 0, lines: [] });
    const cartId = first.data.me.cart.id;
    const [a, b] = await Promise.all([sg.gql(CART_OPS.mine, {}, ada.headers), sg.gql(CART_OPS.mine, {}, ada.headers)]);
    expect([a.data.me.cart.id, b.data.me.cart.id]).toEqual([cartId, cartId]);
    const created = await cartMutation(sg, 'create', { lines: [{ variantId: spare, quantity: 2 }] }, ada.headers);
    expect(created.cart.id).toBe(cartId);
    const again = await cartMutation(sg, 'create', { lines: [{ variantId: spare, quantity: 1 }] }, ada.headers);
    expect(again.cart).toMatchObject({ id: cartId, totalQuantity: 3 });
    const added = await cartMutation(sg, 'add', { cartId, lines: [{ variantId: plenty, quantity: 1 }] }, ada.headers);
    expect(added.cart.totalQuantity).toBe(4);
    expect((await sg.gql(CART_OPS.read, { id: cartId }, ada.headers)).data.cart.totalQuantity).toBe(4);
  });

  it("never shows or changes another customer's cart, even to a customer who has its id", async () => {
    const owner = await customer(sg);
    const intruder = await customer(sg);
    const { cart } = await cartMutation(sg, 'create', { lines: [{ variantId: spare, quantity: 1 }] }, owner.headers);
    expect((await sg.gql(CART_OPS.read, { id: cart.id }, intruder.headers)).data.cart).toBeNull();
    expect((await sg.gql(CART_OPS.read, { id: cart.id })).data.cart).toBeNull();
    const lineId = `${cart.id}.${spare}`;
    for (const headers of [intruder.headers, {}, admin]) {
      for (const [op, variables] of [
        ['add', { cartId: cart.id, lines: [{ variantId: spare, quantity: 1 }] }],
        ['update', { cartId: cart.id, lines: [{ lineId, quantity: 5 }] }],
        ['remove', { cartId: cart.id, lineIds: [lineId] }],
      ] as const) {
        expect(await cartMutation(sg, op, variables, headers)).toEqual({
          cart: null,
          userErrors: [{ code: 'CART_NOT_FOUND', field: ['cartId'], message: 'No such cart.' }],
        });
      }
    }
    // An admin may look (support), not change.
    expect((await sg.gql(CART_OPS.read, { id: cart.id }, admin)).data.cart.totalQuantity).toBe(1);
    expect((await sg.gql(CART_OPS.read, { id: cart.id }, owner.headers)).data.cart.totalQuantity).toBe(1);
  });

  it('refuses User.cart of anyone but the viewer (FORBIDDEN), even asked of the cart subgraph as the router would', async () => {
    const owner = await customer(sg);
    const intruder = await customer(sg);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { cart { id } } } }`;
    const ask = async (viewer: Record<string, string>) => {
      const res = await fetch(sg.subgraphUrls.cart as string, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...viewer,
          ...internalCallHeaders(INTERNAL_SECRET, {
            requestId: 'e2e-user-cart',
            clientIp: '',
            authorization: viewer.authorization,
          }),
        },
        body: JSON.stringify({ query, variables: { r: [{ __typename: 'User', id: owner.id }] } }),
      });
      return (await res.json()) as any;
    };
    const forbidden = await ask(intruder.headers);
    expect(forbidden.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(forbidden.data)).not.toMatch(/"id"/);
    expect((await ask(admin)).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await ask({})).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await ask(owner.headers)).data._entities[0].cart.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});

describe('cartMerge', () => {
  it("moves a guest cart into the customer's cart, summing and capping quantities, and deletes it", async () => {
    const ada = await customer(sg);
    const mine = await cartMutation(
      sg,
      'create',
      {
        lines: [
          { variantId: three, quantity: 2 },
          { variantId: plenty, quantity: 95 },
        ],
      },
      ada.headers,
    );
    const guest = await cartMutation(sg, 'create', {
      lines: [
        { variantId: three, quantity: 2 },
        { variantId: plenty, quantity: 10 },
        { variantId: spare, quantity: 5 },
      ],
    });
    const merged = await cartMutation(sg, 'merge', { id: guest.cart.id }, ada.headers);
    expect(merged.cart.id).toBe(mine.cart.id);
    expect(quantities(merged.cart)).toEqual({ [three]: 3, [plenty]: 99, [spare]: 5 });
    expect(merged.userErrors).toEqual([
      {
        code: 'INSUFFICIENT_STOCK',
        field: ['guestCartId'],
        message: 'Only 3 available; this cart already has 2.',
      },
      {
        code: 'INVALID_QUANTITY',
        field: ['guestCartId'],
        message: 'A cart line holds at most 99; this cart already has 95.',
      },
    ]);
    expect(merged.cart.lines.find((l: any) => l.variant.id === spare).id).toBe(`${mine.cart.id}.${spare}`);
    expect((await sg.gql(CART_OPS.read, { id: guest.cart.id })).data.cart).toBeNull();
    const twice = await cartMutation(sg, 'merge', { id: guest.cart.id }, ada.headers);
    expect(twice).toEqual({
      cart: null,
      userErrors: [{ code: 'CART_NOT_FOUND', field: ['guestCartId'], message: 'No such cart.' }],
    });
  });

  it('creates the customer cart when there is none, and refuses guests, customer carts and unknown ids', async () => {
    const grace = await customer(sg);
    const guest = await cartMutation(sg, 'create', { lines: [{ variantId: spare, quantity: 1 }] });
    const anonymous = await sg.gql(CART_OPS.merge, { id: guest.cart.id });
    expect(anonymous.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const merged = await cartMutation(sg, 'merge', { id: guest.cart.id }, grace.headers);
    expect(merged.userErrors).toEqual([]);
    expect(quantities(merged.cart)).toEqual({ [spare]: 1 });
    const other = await customer(sg);
    const theirs = await cartMutation(sg, 'create', { lines: [{ variantId: spare, quantity: 1 }] }, other.headers);
    for (const id of [theirs.cart.id, merged.cart.id, 'AAAAAAAAAAAAAAAAAAAAAAAA', 'bad id']) {
      expect(codes(await cartMutation(sg, 'merge', { id }, grace.headers))).toEqual(['CART_NOT_FOUND']);
    }
    expect((await sg.gql(CART_OPS.read, { id: theirs.cart.id }, other.headers)).data.cart.totalQuantity).toBe(1);
  });

  it('refuses to merge carts of two currencies, changing neither', async () => {
    const hal = await customer(sg);
    await cartMutation(sg, 'create', { lines: [{ variantId: spare, quantity: 1 }] }, hal.headers);
    const guest = await cartMutation(sg, 'create', { lines: [{ variantId: euro, quantity: 1 }] });
    const merged = await cartMutation(sg, 'merge', { id: guest.cart.id }, hal.headers);
    expect(codes(merged)).toEqual(['CURRENCY_MISMATCH']);
    expect(quantities(merged.cart)).toEqual({ [spare]: 1 });
    expect((await sg.gql(CART_OPS.read, { id: guest.cart.id })).data.cart.totalQuantity).toBe(1);
  });
});
