import { randomUUID } from 'node:crypto';
import { recordProductsChanged } from '@storegraph/products/catalog-documents';
import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
const customerId = randomUUID();
const otherCustomerId = randomUUID();

const PAGE_QUERY = `query Page($first: Int!) {
  products(first: $first) { nodes { title brand { name } category { name } variants { sku price { amount } } } }
}`;

beforeAll(async () => {
  // A page of 100 products with variants and prices costs 1,302, above the default limit of 1,000.
  sg = await startSupergraph({ routerEnv: { MAX_COST: '2000' } });
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 150 });
  await sg.prisma.users.user.create({
    data: { id: customerId, email: 'ada@example.com', name: 'Ada Lovelace', passwordHash: 'unused-in-this-test' },
  });
  const variant = await sg.prisma.products.productVariant.findFirstOrThrow({
    include: { product: true },
    orderBy: { sku: 'asc' },
  });
  await sg.prisma.orders.order.create({
    data: {
      customerId,
      email: 'ada@example.com',
      status: 'PAID',
      currencyCode: 'USD',
      subtotalMinor: variant.priceMinor * 2,
      shippingMinor: 500,
      taxMinor: 0,
      totalMinor: variant.priceMinor * 2 + 500,
      shippingAddress: {
        name: 'Ada',
        line1: '1 Analytical St',
        line2: null,
        city: 'London',
        region: null,
        postalCode: 'N1',
        country: 'GB',
        phone: null,
      },
      lines: {
        create: [
          {
            variantId: variant.id,
            title: variant.product.title,
            sku: variant.sku,
            quantity: 2,
            unitPriceMinor: variant.priceMinor,
            lineTotalMinor: variant.priceMinor * 2,
          },
        ],
      },
    },
  });
  const product = await sg.prisma.products.product.findFirstOrThrow({ orderBy: { slug: 'asc' } });
  // The product reaches search the way every change does: outbox, relay, queue, consumer.
  await recordProductsChanged(sg.prisma.products, [product.id], 'updated');
  const deadline = Date.now() + 5_000;
  while (
    Date.now() < deadline &&
    (await sg.prisma.search.searchDocument.count({ where: { productId: product.id } })) === 0
  ) {
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await sg?.stop();
});

describe('the supergraph through the router', () => {
  it('answers products(first: 24) with variants, brand and category', async () => {
    const res = await sg.gql(PAGE_QUERY, { first: 24 });
    expect(res.errors).toBeUndefined();
    expect(res.data.products.nodes).toHaveLength(24);
    for (const node of res.data.products.nodes) {
      expect(node.category.name).toEqual(expect.any(String));
      expect(node.variants.length).toBeGreaterThanOrEqual(1);
      expect(node.variants[0].price.amount).toMatch(/^\d+\.\d{2}$/);
    }
    expect(res.data.products.nodes.some((n: any) => n.brand?.name)).toBe(true);
  });

  it('costs the same small number of SQL queries whatever the page size (no N+1)', async () => {
    const counts: number[] = [];
    for (const first of [4, 24, 100]) {
      sg.productQueries.length = 0;
      const res = await sg.gql(PAGE_QUERY, { first });
      expect(res.errors).toBeUndefined();
      expect(res.data.products.nodes).toHaveLength(first);
      counts.push(sg.productQueries.length);
    }
    // page, variants, brands, categories: one statement each, whatever the page size.
    expect(counts[0]).toBeLessThanOrEqual(6);
    expect(new Set(counts).size).toBe(1);
  });

  it('crosses cart, products, search and users in one operation', async () => {
    const variants = await sg.prisma.products.productVariant.findMany({
      where: { quantityOnHand: { gt: 2 } },
      take: 2,
      orderBy: { sku: 'asc' },
    });
    const created = await sg.gql(
      `mutation($lines: [CartLineInput!]) { cartCreate(lines: $lines) { cart { id } userErrors { code field } } }`,
      {
        lines: [
          { variantId: variants[0]?.id, quantity: 2 },
          { variantId: variants[1]?.id, quantity: 1 },
          { variantId: variants[0]?.id, quantity: 1 },
        ],
      },
    );
    expect(created.data.cartCreate.userErrors).toEqual([]);
    const res = await sg.gql(
      `query($id: ID!, $prefix: String!) {
        me { id }
        cart(id: $id) { totalQuantity subtotal { amount currencyCode }
          lines { quantity unitPrice { amount } variant { sku product { title category { name } } } } }
        searchSuggestions(prefix: $prefix) { text product { slug priceRange { min { amount } } } }
      }`,
      {
        id: created.data.cartCreate.cart.id,
        prefix: (await sg.prisma.search.searchDocument.findFirstOrThrow()).title.slice(0, 4),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.me).toBeNull();
    expect(res.data.cart.totalQuantity).toBe(4);
    const [v0, v1] = variants as [(typeof variants)[0], (typeof variants)[0]];
    const expected = v0.priceMinor * 3 + v1.priceMinor;
    expect(res.data.cart.subtotal).toEqual({ amount: (expected / 100).toFixed(2), currencyCode: 'USD' });
    expect(res.data.cart.lines.map((l: any) => [l.variant.sku, l.quantity])).toEqual([
      [v0.sku, 3],
      [v1.sku, 1],
    ]);
    expect(res.data.cart.lines[0].variant.product.category.name).toEqual(expect.any(String));
    expect(res.data.searchSuggestions[0].product.slug).toEqual(expect.any(String));
  });

  it('refuses cart lines the catalog cannot honour, with userErrors', async () => {
    const soldOut = await sg.prisma.products.productVariant.findFirstOrThrow({ where: { quantityOnHand: 0 } });
    const res = await sg.gql(
      `mutation($lines: [CartLineInput!]) { cartCreate(lines: $lines) { cart { id } userErrors { code field } } }`,
      {
        lines: [
          { variantId: randomUUID(), quantity: 1 },
          { variantId: soldOut.id, quantity: 1 },
          { variantId: soldOut.id, quantity: 0 },
        ],
      },
    );
    expect(res.data.cartCreate.cart).toBeNull();
    expect(res.data.cartCreate.userErrors.map((e: any) => e.code).sort()).toEqual([
      'INSUFFICIENT_STOCK',
      'INVALID_QUANTITY',
      'VARIANT_NOT_FOUND',
    ]);
  });

  it('gives a customer their own orders across users, orders and products', async () => {
    const query = `{ me { email orders { totalCount nodes { number status total { amount }
      shippingAddress { city country } lines { quantity sku variant { sku product { title } } } } } } }`;
    const res = await sg.gql(query, {}, await sg.bearer(customerId));
    expect(res.errors).toBeUndefined();
    expect(res.data.me.email).toBe('ada@example.com');
    expect(res.data.me.orders.totalCount).toBe(1);
    const order = res.data.me.orders.nodes[0];
    expect(order.number).toMatch(/^SG-\d{6}$/);
    expect(order.shippingAddress).toEqual({ city: 'London', country: 'GB' });
    expect(order.lines[0].variant.sku).toBe(order.lines[0].sku);
    expect(order.lines[0].variant.product.title).toEqual(expect.any(String));

    const graceId = randomUUID();
    await sg.prisma.users.user.create({
      data: { id: graceId, email: 'grace@example.com', name: 'Grace', passwordHash: 'unused' },
    });
    const empty = await sg.gql(
      '{ me { orders { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }',
      {},
      await sg.bearer(graceId),
    );
    expect(empty.data.me.orders).toEqual({
      totalCount: 0,
      nodes: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });

    const stranger = await sg.gql('{ me { email orders { totalCount } } }', {}, await sg.bearer(otherCustomerId));
    expect(stranger.data.me).toBeNull();
  });
});
