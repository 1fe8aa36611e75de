import { randomBytes, randomUUID } from 'node:crypto';
import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let admin: Record<string, string>;
let customer: Record<string, string>;
const tag = randomBytes(3).toString('hex');
const slug = `e2e-admin-jacket-${tag}`;

const PRODUCT =
  'product { id slug title brand { slug } category { slug } priceRange { min { amount } max { amount } } variants { id sku price { amount } quantityAvailable } }';
const CREATE = `mutation($i: ProductInput!) { productCreate(input: $i) { ${PRODUCT} userErrors { code field } } }`;

beforeAll(async () => {
  sg = await startSupergraph();
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 150 });
  admin = await sg.bearer(randomUUID(), 'ADMIN');
  customer = await sg.bearer(randomUUID(), 'CUSTOMER');
});

afterAll(async () => {
  await sg?.stop();
});

describe('catalog admin mutations through the router', () => {
  it('lets an admin create, update, re-price, restock and delete a product, each visible through the router', async () => {
    const category = await sg.prisma.products.category.findFirstOrThrow({
      where: { children: { none: {} } },
      orderBy: { slug: 'asc' },
    });
    const brand = await sg.prisma.products.brand.findFirstOrThrow({ orderBy: { slug: 'asc' } });
    const input = {
      slug,
      title: 'Storm Shell Jacket',
      description: 'A waterproof shell.',
      brandSlug: brand.slug,
      categorySlug: category.slug,
      currencyCode: 'USD',
      attributes: [{ name: 'material', value: 'nylon' }],
      variants: [
        {
          sku: `SSJ-${tag}-S`,
          title: 'S',
          price: '129.00',
          selectedOptions: [{ name: 'Size', value: 'S' }],
          quantityOnHand: 3,
        },
        {
          sku: `SSJ-${tag}-M`,
          title: 'M',
          price: '139.00',
          selectedOptions: [{ name: 'Size', value: 'M' }],
          quantityOnHand: 0,
        },
      ],
    };
    const created = await sg.gql(CREATE, { i: input }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.productCreate.userErrors).toEqual([]);
    const id = created.data.productCreate.product.id;
    const read = await sg.gql(
      `query($s: String) { product(slug: $s) { title availableForSale priceRange { min { amount } max { amount } } } }`,
      { s: slug },
    );
    expect(read.data.product).toEqual({
      title: 'Storm Shell Jacket',
      availableForSale: true,
      priceRange: { min: { amount: '129.00' }, max: { amount: '139.00' } },
    });

    const updated = await sg.gql(
      `mutation($id: ID!, $i: ProductUpdateInput!) { productUpdate(id: $id, input: $i) { product { title } userErrors { code } } }`,
      { id, i: { title: 'Storm Shell Jacket II' } },
      admin,
    );
    expect(updated.data.productUpdate).toEqual({ product: { title: 'Storm Shell Jacket II' }, userErrors: [] });

    const variantId = created.data.productCreate.product.variants.find((v: any) => v.sku.endsWith('-M')).id;
    const priced = await sg.gql(
      `mutation($v: ID!, $p: String!) { variantPriceSet(variantId: $v, price: $p) { variant { price { amount } } userErrors { code } } }`,
      { v: variantId, p: '149.50' },
      admin,
    );
    expect(priced.data.variantPriceSet.variant.price.amount).toBe('149.50');
    const badPrice = await sg.gql(
      `mutation($v: ID!, $p: String!) { variantPriceSet(variantId: $v, price: $p) { userErrors { code field } } }`,
      { v: variantId, p: '1.999' },
      admin,
    );
    expect(badPrice.data.variantPriceSet.userErrors[0].code).toBe('INVALID_PRICE');
    const stocked = await sg.gql(
      `mutation($v: ID!, $q: Int!) { inventorySet(variantId: $v, quantityOnHand: $q) { variant { quantityAvailable availableForSale } userErrors { code } } }`,
      { v: variantId, q: 7 },
      admin,
    );
    expect(stocked.data.inventorySet.variant).toEqual({ quantityAvailable: 7, availableForSale: true });

    const deleted = await sg.gql(
      `mutation($id: ID!) { productDelete(id: $id) { product { id } userErrors { code } } }`,
      { id },
      admin,
    );
    expect(deleted.data.productDelete.userErrors).toEqual([]);
    expect((await sg.gql(`query($s: String) { product(slug: $s) { id } }`, { s: slug })).data.product).toBeNull();

    const events = await sg.prisma.products.outboxEvent.findMany({
      where: { aggregateId: id },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((e) => [e.type, (e.payload as any).change ?? null])).toEqual([
      ['ProductUpsertedV1', 'created'],
      ['ProductUpsertedV1', 'updated'],
      ['ProductUpsertedV1', 'price_changed'],
      ['ProductUpsertedV1', 'stock_changed'],
      ['ProductDeletedV1', null],
    ]);
  });

  it('refuses guests with UNAUTHENTICATED and customers with FORBIDDEN, writing nothing', async () => {
    const before = await sg.prisma.products.product.count();
    const variant = await sg.prisma.products.productVariant.findFirstOrThrow();
    const attempts = [
      [
        CREATE,
        {
          i: {
            slug: `nope-${tag}`,
            title: 'Nope',
            description: 'x',
            categorySlug: 'x',
            currencyCode: 'USD',
            variants: [],
          },
        },
      ],
      [
        'mutation($v: ID!) { inventorySet(variantId: $v, quantityOnHand: 0) { userErrors { code } } }',
        { v: variant.id },
      ],
      [
        'mutation($v: ID!) { variantPriceSet(variantId: $v, price: "0.01") { userErrors { code } } }',
        { v: variant.id },
      ],
      ['mutation($v: ID!) { productDelete(id: $v) { userErrors { code } } }', { v: variant.productId }],
    ] as const;
    for (const [query, variables] of attempts) {
      expect((await sg.gql(query, variables)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await sg.gql(query, variables, customer)).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    expect(await sg.prisma.products.product.count()).toBe(before);
    const after = await sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: variant.id } });
    expect([after.quantityOnHand, after.priceMinor]).toEqual([variant.quantityOnHand, variant.priceMinor]);
  });
});
