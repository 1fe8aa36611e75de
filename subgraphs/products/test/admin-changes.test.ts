import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import {
  ADMIN,
  CREATE,
  DELETE,
  gql,
  INVENTORY_SET,
  type OutboxRow,
  outbox,
  PRICE_SET,
  resetAdminCatalog,
  startAdminServer,
  type TestAdminServer,
  teeInput,
  UPDATE,
} from './admin-server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let server: TestAdminServer;
let productId: string;
let variantIds: Record<string, string>;

const run = (query: string, variables: Record<string, unknown>) => gql(server.url, query, variables, ADMIN);
const codes = (payload: { userErrors: Array<{ code: string; field: string[] | null }> }) =>
  payload.userErrors.map((e) => [e.code, e.field]);

/** The events written since the last beforeEach. */
const newEvents = async (): Promise<OutboxRow[]> => outbox(prisma);

beforeAll(async () => {
  await resetAdminCatalog(prisma);
  server = await startAdminServer(prisma);
  const created = await run(CREATE, { input: teeInput() });
  productId = created.data.productCreate.product.id;
  variantIds = Object.fromEntries(
    created.data.productCreate.product.variants.map((v: { sku: string; id: string }) => [v.sku, v.id]),
  );
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE outbox_events');
});

afterAll(async () => {
  await server.stop();
  await prisma.$disconnect();
});

describe('productUpdate', () => {
  it('changes only the given fields and writes one updated event', async () => {
    const result = await run(UPDATE, {
      id: productId,
      input: {
        title: 'Heavy Tee v2',
        categorySlug: 'shirts',
        brandSlug: 'globex',
        attributes: [
          { name: 'material', value: 'organic cotton' },
          { name: 'fit', value: 'boxy' },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.productUpdate.userErrors).toEqual([]);
    expect(result.data.productUpdate.product).toMatchObject({
      title: 'Heavy Tee v2',
      description: 'A heavyweight cotton tee.',
      category: { slug: 'shirts' },
      brand: { slug: 'globex' },
      attributes: [
        { name: 'material', value: 'organic cotton' },
        { name: 'fit', value: 'boxy' },
      ],
      priceRange: { min: { amount: '19.50' }, max: { amount: '27.99' } },
    });
    const read = await gql(server.url, '{ product(slug: "heavy-tee") { title category { slug } brand { slug } } }');
    expect(read.data.product).toEqual({
      title: 'Heavy Tee v2',
      category: { slug: 'shirts' },
      brand: { slug: 'globex' },
    });
    expect(await newEvents()).toEqual([{ type: 'ProductUpsertedV1', aggregateId: productId, change: 'updated' }]);
  });

  it('removes the brand on brandSlug: null and changes the description alone', async () => {
    const result = await run(UPDATE, { id: productId, input: { brandSlug: null, description: 'Now brandless.' } });
    expect(result.data.productUpdate.product).toMatchObject({
      brand: null,
      description: 'Now brandless.',
      title: 'Heavy Tee v2',
    });
    expect(await newEvents()).toHaveLength(1);
  });

  it.each([
    [{ title: '' }, 'INVALID_TITLE', ['input', 'title']],
    [{ description: 'x'.repeat(10_001) }, 'INVALID_DESCRIPTION', ['input', 'description']],
    [{ categorySlug: 'hats' }, 'CATEGORY_NOT_FOUND', ['input', 'categorySlug']],
    [{ brandSlug: 'initech' }, 'BRAND_NOT_FOUND', ['input', 'brandSlug']],
    [{ attributes: [{ name: '', value: 'x' }] }, 'INVALID_ATTRIBUTE', ['input', 'attributes', '0']],
  ])('refuses %j with %s and changes nothing', async (input, code, field) => {
    const before = await prisma.product.findUniqueOrThrow({ where: { id: productId } });
    const result = await run(UPDATE, { id: productId, input: { title: 'Changed', ...input } });
    expect(result.data.productUpdate.product).toBeNull();
    expect(codes(result.data.productUpdate)).toEqual([[code, field]]);
    expect(await prisma.product.findUniqueOrThrow({ where: { id: productId } })).toEqual(before);
    expect(await newEvents()).toEqual([]);
  });

  it('answers BAD_USER_INPUT to null for a field that cannot be empty', async () => {
    const result = await run(UPDATE, { id: productId, input: { title: null } });
    expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('returns the product unchanged and writes nothing for an empty input', async () => {
    const result = await run(UPDATE, { id: productId, input: {} });
    expect(result.data.productUpdate).toMatchObject({ product: { title: 'Heavy Tee v2' }, userErrors: [] });
    expect(await newEvents()).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const result = await run(UPDATE, { id, input: { title: 'x' } });
      expect(codes(result.data.productUpdate)).toEqual([['NOT_FOUND', ['id']]]);
    }
    expect(await newEvents()).toEqual([]);
  });
});

describe('inventorySet', () => {
  it('sets stock on hand and writes one stock_changed event', async () => {
    const result = await run(INVENTORY_SET, { variantId: variantIds['HT-S-BLK'], quantityOnHand: 10 });
    expect(result.data.inventorySet).toEqual({
      variant: {
        id: variantIds['HT-S-BLK'],
        sku: 'HT-S-BLK',
        quantityAvailable: 10,
        availableForSale: true,
        product: { priceRange: { min: { amount: '19.50' }, max: { amount: '27.99' } } },
      },
      userErrors: [],
    });
    expect(await newEvents()).toEqual([{ type: 'ProductUpsertedV1', aggregateId: productId, change: 'stock_changed' }]);
  });

  it('refuses stock below what reservations hold (BELOW_RESERVED) and takes exactly that much', async () => {
    await prisma.$executeRaw`UPDATE product_variants SET quantity_reserved = 3 WHERE id = ${variantIds['HT-S-BLK']}::uuid`;
    const below = await run(INVENTORY_SET, { variantId: variantIds['HT-S-BLK'], quantityOnHand: 2 });
    expect(below.data.inventorySet.variant).toBeNull();
    expect(codes(below.data.inventorySet)).toEqual([['BELOW_RESERVED', ['quantityOnHand']]]);
    const row = await prisma.productVariant.findUniqueOrThrow({ where: { id: variantIds['HT-S-BLK'] } });
    expect(row.quantityOnHand).toBe(10);
    expect(await newEvents()).toEqual([]);

    const exact = await run(INVENTORY_SET, { variantId: variantIds['HT-S-BLK'], quantityOnHand: 3 });
    expect(exact.data.inventorySet.variant).toMatchObject({ quantityAvailable: 0, availableForSale: false });
    expect(await newEvents()).toHaveLength(1);
  });

  it('refuses a quantity outside 0..1,000,000 and an unknown variant', async () => {
    for (const quantityOnHand of [-1, 1_000_001]) {
      const result = await run(INVENTORY_SET, { variantId: variantIds['HT-M-BLK'], quantityOnHand });
      expect(codes(result.data.inventorySet)).toEqual([['INVALID_QUANTITY', ['quantityOnHand']]]);
    }
    const unknown = await run(INVENTORY_SET, { variantId: randomUUID(), quantityOnHand: 1 });
    expect(codes(unknown.data.inventorySet)).toEqual([['NOT_FOUND', ['variantId']]]);
    expect(await newEvents()).toEqual([]);
  });
});

describe('variantPriceSet', () => {
  const range = async () => {
    const p = await prisma.product.findUniqueOrThrow({ where: { id: productId } });
    return [p.priceMinMinor, p.priceMaxMinor];
  };

  it('sets a price, keeps the price range in step, and writes one price_changed event', async () => {
    const cheaper = await run(PRICE_SET, { variantId: variantIds['HT-M-WHT'], price: '9.99' });
    expect(cheaper.data.variantPriceSet).toEqual({
      variant: {
        id: variantIds['HT-M-WHT'],
        sku: 'HT-M-WHT',
        price: { amount: '9.99', currencyCode: 'USD' },
        compareAtPrice: null,
        product: { priceRange: { min: { amount: '9.99' }, max: { amount: '25.00' } } },
      },
      userErrors: [],
    });
    expect(await range()).toEqual([999, 2500]);
    expect(await newEvents()).toEqual([{ type: 'ProductUpsertedV1', aggregateId: productId, change: 'price_changed' }]);

    const dearer = await run(PRICE_SET, { variantId: variantIds['HT-M-BLK'], price: '99' });
    expect(dearer.data.variantPriceSet.variant.product.priceRange).toEqual({
      min: { amount: '9.99' },
      max: { amount: '99.00' },
    });
    expect(await range()).toEqual([999, 9900]);
  });

  it('keeps a compare-at price above the new price and clears one the new price reaches', async () => {
    const below = await run(PRICE_SET, { variantId: variantIds['HT-S-BLK'], price: '29.99' });
    expect(below.data.variantPriceSet.variant.compareAtPrice).toEqual({ amount: '30.00' });
    const reached = await run(PRICE_SET, { variantId: variantIds['HT-S-BLK'], price: '30.00' });
    expect(reached.data.variantPriceSet.variant.compareAtPrice).toBeNull();
  });

  it('refuses a price that is not valid for the currency, and an unknown variant', async () => {
    for (const price of ['0', '1.999', '-5', '1000000.01', 'ten']) {
      const result = await run(PRICE_SET, { variantId: variantIds['HT-M-BLK'], price });
      expect(codes(result.data.variantPriceSet)).toEqual([['INVALID_PRICE', ['price']]]);
    }
    const unknown = await run(PRICE_SET, { variantId: randomUUID(), price: '1.00' });
    expect(codes(unknown.data.variantPriceSet)).toEqual([['NOT_FOUND', ['variantId']]]);
    expect(await range()).toEqual([999, 9900]);
    expect(await newEvents()).toEqual([]);
  });
});

describe('productDelete', () => {
  it('soft-deletes: gone from listings and product(slug), still an entity, idempotent', async () => {
    const deleted = await run(DELETE, { id: productId });
    expect(deleted.data.productDelete).toEqual({
      product: { id: productId, slug: 'heavy-tee', availableForSale: false },
      userErrors: [],
    });
    expect(await newEvents()).toEqual([{ type: 'ProductDeletedV1', aggregateId: productId, change: null }]);
    expect((await prisma.product.findUniqueOrThrow({ where: { id: productId } })).deletedAt).not.toBeNull();

    const listed = await gql(server.url, '{ products(first: 50) { totalCount nodes { id } } }');
    expect(listed.data.products).toEqual({ totalCount: 0, nodes: [] });
    expect((await gql(server.url, '{ product(slug: "heavy-tee") { id } }')).data.product).toBeNull();
    const entities = await gql(
      server.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id title availableForSale } } }',
      { r: [{ __typename: 'Product', id: productId }] },
    );
    expect(entities.data._entities).toEqual([{ id: productId, title: 'Heavy Tee v2', availableForSale: false }]);

    const again = await run(DELETE, { id: productId });
    expect(again.data.productDelete).toEqual(deleted.data.productDelete);
    expect(await newEvents()).toHaveLength(1);
  });

  it('answers NOT_FOUND for an unknown product, and for changes to a deleted one', async () => {
    expect(codes((await run(DELETE, { id: randomUUID() })).data.productDelete)).toEqual([['NOT_FOUND', ['id']]]);
    const update = await run(UPDATE, { id: productId, input: { title: 'Back' } });
    expect(codes(update.data.productUpdate)).toEqual([['NOT_FOUND', ['id']]]);
    const stock = await run(INVENTORY_SET, { variantId: variantIds['HT-M-BLK'], quantityOnHand: 5 });
    expect(codes(stock.data.inventorySet)).toEqual([['NOT_FOUND', ['variantId']]]);
    const price = await run(PRICE_SET, { variantId: variantIds['HT-M-BLK'], price: '5.00' });
    expect(codes(price.data.variantPriceSet)).toEqual([['NOT_FOUND', ['variantId']]]);
    expect(await newEvents()).toEqual([]);
  });
});
