import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaCatalogAdminStore } from '../src/admin/catalog-admin.repository.js';
import { CatalogAdminService } from '../src/admin/catalog-admin.service.js';
import { PrismaCatalogReader } from '../src/data/catalog.repository.js';
import { createPrismaClient } from '../src/data/prisma-client.js';
import {
  ADMIN,
  CREATE,
  gql,
  MEDIA_BASE_URL,
  outbox,
  PRODUCT_FIELDS,
  resetAdminCatalog,
  startAdminServer,
  type TestAdminServer,
  teeInput,
} from './admin-server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let server: TestAdminServer;

const create = (input: Record<string, unknown>) => gql(server.url, CREATE, { input }, ADMIN);

type VariantIn = ReturnType<typeof teeInput>['variants'][number];
const withVariant = (i: number, change: Partial<VariantIn> & Record<string, unknown>) => {
  const variants = teeInput().variants.map((v, j) => (j === i ? { ...v, ...change } : v));
  return { variants };
};
const manyVariants = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    sku: `MANY-${i}`,
    title: `Size ${i}`,
    price: '10.00',
    quantityOnHand: 1,
    selectedOptions: [{ name: 'Size', value: String(i) }],
  }));

beforeAll(async () => {
  await resetAdminCatalog(prisma);
  server = await startAdminServer(prisma);
});

afterAll(async () => {
  await server.stop();
  await prisma.$disconnect();
});

describe('productCreate', () => {
  it('creates a product with three variants that reads back through product(slug)', async () => {
    const created = await create(teeInput({ description: '  A heavyweight cotton tee.  ' }));
    expect(created.errors).toBeUndefined();
    expect(created.data.productCreate.userErrors).toEqual([]);
    const id = created.data.productCreate.product.id;

    const read = await gql(server.url, `query($slug: String!) { product(slug: $slug) { ${PRODUCT_FIELDS} } }`, {
      slug: 'heavy-tee',
    });
    expect(read.errors).toBeUndefined();
    const product = read.data.product;
    expect(product).toMatchObject({
      id,
      slug: 'heavy-tee',
      title: 'Heavy Tee',
      description: 'A heavyweight cotton tee.',
      brand: { slug: 'acme' },
      category: { slug: 'tops' },
      attributes: [{ name: 'material', value: 'cotton' }],
      options: [
        { name: 'Size', values: ['S', 'M'] },
        { name: 'Color', values: ['Black', 'White'] },
      ],
      priceRange: { min: { amount: '19.50', currencyCode: 'USD' }, max: { amount: '27.99', currencyCode: 'USD' } },
      availableForSale: true,
    });
    expect(product.images[0]).toEqual({ url: `${MEDIA_BASE_URL}/products/heavy-tee/1.svg`, altText: null });
    expect(product.variants).toEqual([
      expect.objectContaining({
        sku: 'HT-S-BLK',
        title: 'S / Black',
        price: { amount: '25.00', currencyCode: 'USD' },
        compareAtPrice: { amount: '30.00', currencyCode: 'USD' },
        quantityAvailable: 0,
        availableForSale: false,
      }),
      expect.objectContaining({
        sku: 'HT-M-BLK',
        price: { amount: '19.50', currencyCode: 'USD' },
        compareAtPrice: null,
        selectedOptions: [
          { name: 'Size', value: 'M' },
          { name: 'Color', value: 'Black' },
        ],
        quantityAvailable: 4,
        availableForSale: true,
      }),
      expect.objectContaining({
        sku: 'HT-M-WHT',
        price: { amount: '27.99', currencyCode: 'USD' },
        quantityAvailable: 2,
      }),
    ]);
    // The payload resolves the same product as the query does.
    expect(created.data.productCreate.product.priceRange).toEqual(product.priceRange);

    const stored = await prisma.product.findUniqueOrThrow({ where: { id } });
    expect(stored.images).toEqual([
      { path: '/products/heavy-tee/1.svg', altText: null, width: null, height: null },
      { path: 'https://cdn.example.com/tee.jpg', altText: null, width: null, height: null },
    ]);
    expect([stored.priceMinMinor, stored.priceMaxMinor]).toEqual([1950, 2799]);
    expect(await outbox(prisma)).toEqual([{ type: 'ProductUpsertedV1', aggregateId: id, change: 'created' }]);
  });

  it("takes prices in the currency's minor digits (JPY has none) and no brand", async () => {
    const created = await create(
      teeInput({
        slug: 'yen-tee',
        currencyCode: 'JPY',
        brandSlug: null,
        imageUrls: null,
        attributes: null,
        variants: [{ sku: 'YEN-1', title: 'One', price: '1500', quantityOnHand: 1, selectedOptions: [] }],
      }),
    );
    expect(created.data.productCreate.userErrors).toEqual([]);
    expect(created.data.productCreate.product).toMatchObject({
      brand: null,
      images: [],
      attributes: [],
      options: [],
      priceRange: { min: { amount: '1500', currencyCode: 'JPY' } },
    });
  });

  it('refuses a slug in use, and a SKU in use by another product', async () => {
    const events = (await outbox(prisma)).length;
    const slug = await create(teeInput({ variants: teeInput().variants.map((v) => ({ ...v, sku: `${v.sku}-2` })) }));
    expect(slug.data.productCreate).toEqual({
      product: null,
      userErrors: [{ code: 'SLUG_TAKEN', field: ['input', 'slug'], message: expect.any(String) }],
    });
    const sku = await create(teeInput({ slug: 'other-tee', ...withVariant(2, {}) }));
    expect(sku.data.productCreate.product).toBeNull();
    expect(sku.data.productCreate.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([
      ['SKU_TAKEN', ['input', 'variants', '0', 'sku']],
      ['SKU_TAKEN', ['input', 'variants', '1', 'sku']],
      ['SKU_TAKEN', ['input', 'variants', '2', 'sku']],
    ]);
    expect(await prisma.product.count({ where: { slug: 'other-tee' } })).toBe(0);
    expect((await outbox(prisma)).length).toBe(events);
  });

  const cases: Array<[string, Record<string, unknown>, string, string[]]> = [
    ['upper-case slug', { slug: 'Heavy-Tee' }, 'INVALID_SLUG', ['input', 'slug']],
    ['double hyphen', { slug: 'heavy--tee' }, 'INVALID_SLUG', ['input', 'slug']],
    ['slug over 200', { slug: 'a'.repeat(201) }, 'INVALID_SLUG', ['input', 'slug']],
    ['empty title', { title: '   ' }, 'INVALID_TITLE', ['input', 'title']],
    ['title over 200', { title: 'x'.repeat(201) }, 'INVALID_TITLE', ['input', 'title']],
    ['variant title', withVariant(1, { title: '' }), 'INVALID_TITLE', ['input', 'variants', '1', 'title']],
    ['description', { description: 'x'.repeat(10_001) }, 'INVALID_DESCRIPTION', ['input', 'description']],
    ['lower-case currency', { currencyCode: 'usd' }, 'INVALID_CURRENCY', ['input', 'currencyCode']],
    ['unknown currency', { currencyCode: 'ABC' }, 'INVALID_CURRENCY', ['input', 'currencyCode']],
    ['gold is no currency', { currencyCode: 'XAU' }, 'INVALID_CURRENCY', ['input', 'currencyCode']],
    ['zero price', withVariant(0, { price: '0.00' }), 'INVALID_PRICE', ['input', 'variants', '0', 'price']],
    ['negative price', withVariant(0, { price: '-1' }), 'INVALID_PRICE', ['input', 'variants', '0', 'price']],
    ['three decimals', withVariant(2, { price: '1.999' }), 'INVALID_PRICE', ['input', 'variants', '2', 'price']],
    ['too dear', withVariant(0, { price: '1000000.01' }), 'INVALID_PRICE', ['input', 'variants', '0', 'price']],
    ['not a number', withVariant(0, { price: '1e3' }), 'INVALID_PRICE', ['input', 'variants', '0', 'price']],
    [
      'compare-at below price',
      withVariant(0, { compareAtPrice: '24.99' }),
      'INVALID_COMPARE_AT_PRICE',
      ['input', 'variants', '0', 'compareAtPrice'],
    ],
    [
      'compare-at equal to price',
      withVariant(0, { compareAtPrice: '25' }),
      'INVALID_COMPARE_AT_PRICE',
      ['input', 'variants', '0', 'compareAtPrice'],
    ],
    [
      'malformed compare-at',
      withVariant(1, { compareAtPrice: '30.001' }),
      'INVALID_COMPARE_AT_PRICE',
      ['input', 'variants', '1', 'compareAtPrice'],
    ],
    ['unknown category', { categorySlug: 'hats' }, 'CATEGORY_NOT_FOUND', ['input', 'categorySlug']],
    ['unknown brand', { brandSlug: 'initech' }, 'BRAND_NOT_FOUND', ['input', 'brandSlug']],
    ['no variants', { variants: [] }, 'INVALID_VARIANTS', ['input', 'variants']],
    ['101 variants', { variants: manyVariants(101) }, 'INVALID_VARIANTS', ['input', 'variants']],
    ['SKU with a space', withVariant(0, { sku: 'HT S' }), 'INVALID_SKU', ['input', 'variants', '0', 'sku']],
    ['SKU over 64', withVariant(0, { sku: 'S'.repeat(65) }), 'INVALID_SKU', ['input', 'variants', '0', 'sku']],
    ['SKU twice in the input', withVariant(1, { sku: 'HT-S-BLK' }), 'SKU_TAKEN', ['input', 'variants', '1', 'sku']],
    [
      'negative quantity',
      withVariant(0, { quantityOnHand: -1 }),
      'INVALID_QUANTITY',
      ['input', 'variants', '0', 'quantityOnHand'],
    ],
    [
      'quantity over a million',
      withVariant(2, { quantityOnHand: 1_000_001 }),
      'INVALID_QUANTITY',
      ['input', 'variants', '2', 'quantityOnHand'],
    ],
    [
      'empty option name',
      withVariant(0, { selectedOptions: [{ name: '', value: 'S' }] }),
      'INVALID_OPTION',
      ['input', 'variants', '0', 'selectedOptions', '0'],
    ],
    [
      'option value over 50',
      withVariant(0, {
        selectedOptions: [
          { name: 'Size', value: 'S' },
          { name: 'Color', value: 'x'.repeat(51) },
        ],
      }),
      'INVALID_OPTION',
      ['input', 'variants', '0', 'selectedOptions', '1'],
    ],
    [
      'other option names',
      withVariant(1, { selectedOptions: [{ name: 'Size', value: 'M' }] }),
      'INVALID_OPTION',
      ['input', 'variants', '1', 'selectedOptions'],
    ],
    [
      'same options as another variant',
      withVariant(2, {
        selectedOptions: [
          { name: 'Color', value: 'Black' },
          { name: 'Size', value: 'M' },
        ],
      }),
      'DUPLICATE_VARIANT',
      ['input', 'variants', '2', 'selectedOptions'],
    ],
    ['http image', { imageUrls: ['http://cdn.example.com/a.jpg'] }, 'INVALID_IMAGE_URL', ['input', 'imageUrls', '0']],
    [
      'path outside /products/',
      { imageUrls: ['/products/a.svg', '/media/a.jpg'] },
      'INVALID_IMAGE_URL',
      ['input', 'imageUrls', '1'],
    ],
    ['path escaping', { imageUrls: ['/products/../secret'] }, 'INVALID_IMAGE_URL', ['input', 'imageUrls', '0']],
    [
      'eleven images',
      { imageUrls: Array.from({ length: 11 }, (_, i) => `/products/tee/${i}.svg`) },
      'INVALID_IMAGE_URL',
      ['input', 'imageUrls'],
    ],
    [
      'empty attribute value',
      { attributes: [{ name: 'fit', value: '' }] },
      'INVALID_ATTRIBUTE',
      ['input', 'attributes', '0'],
    ],
    [
      'attribute name over 100',
      {
        attributes: [
          { name: 'fit', value: 'slim' },
          { name: 'n'.repeat(101), value: 'v' },
        ],
      },
      'INVALID_ATTRIBUTE',
      ['input', 'attributes', '1'],
    ],
    [
      '51 attributes',
      { attributes: Array.from({ length: 51 }, (_, i) => ({ name: `a${i}`, value: 'v' })) },
      'INVALID_ATTRIBUTE',
      ['input', 'attributes'],
    ],
  ];

  it.each(cases)('refuses %s with its code and field', async (_name, overrides, code, field) => {
    const before = { products: await prisma.product.count(), events: (await outbox(prisma)).length };
    const result = await create(teeInput({ slug: 'invalid-tee', ...overrides }));
    expect(result.errors).toBeUndefined();
    expect(result.data.productCreate.product).toBeNull();
    expect(result.data.productCreate.userErrors).toContainEqual({ code, field, message: expect.any(String) });
    expect({ products: await prisma.product.count(), events: (await outbox(prisma)).length }).toEqual(before);
  });

  it('reports every problem of the input at once', async () => {
    const result = await create(teeInput({ slug: 'Bad Slug', title: '', currencyCode: 'usd', categorySlug: 'hats' }));
    const codes = result.data.productCreate.userErrors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['INVALID_SLUG', 'INVALID_TITLE', 'INVALID_CURRENCY']));
  });

  it('lets one of two concurrent creates with the same slug win; the other gets SLUG_TAKEN', async () => {
    const events = (await outbox(prisma)).length;
    const input = (suffix: string) =>
      teeInput({ slug: 'race-tee', variants: teeInput().variants.map((v) => ({ ...v, sku: `${v.sku}-${suffix}` })) });
    const results = await Promise.all([create(input('A')), create(input('B'))]);
    const payloads = results.map((r) => r.data.productCreate);
    const winners = payloads.filter((p) => p.product !== null);
    const losers = payloads.filter((p) => p.product === null);
    expect(winners).toHaveLength(1);
    expect(losers[0]?.userErrors.map((e: { code: string }) => e.code)).toEqual(['SLUG_TAKEN']);
    expect(await prisma.product.count({ where: { slug: 'race-tee' } })).toBe(1);
    expect((await outbox(prisma)).length).toBe(events + 1);
  });

  it('turns a unique violation at insert time (a lost race) into SLUG_TAKEN or SKU_TAKEN', async () => {
    const store = new PrismaCatalogAdminStore(prisma);
    // A store whose checks always pass, as when another create commits between check and insert.
    const blind = Object.assign(Object.create(store) as PrismaCatalogAdminStore, {
      slugTaken: async () => false,
      takenSkus: async () => [],
    });
    const service = new CatalogAdminService(blind, new PrismaCatalogReader(prisma));
    const slugRace = await service.createProduct(
      teeInput({ variants: teeInput().variants.map((v) => ({ ...v, sku: `${v.sku}-R` })) }) as never,
    );
    expect(slugRace.userErrors.map((e) => [e.code, e.field])).toEqual([['SLUG_TAKEN', ['input', 'slug']]]);
    const categoryId = (await prisma.category.findUniqueOrThrow({ where: { slug: 'tops' } })).id;
    const draft = (slug: string, sku: string) => ({
      slug,
      title: 'Race',
      description: '',
      brandId: null,
      categoryId,
      currencyCode: 'USD',
      images: [],
      attributes: [],
      options: [],
      priceMinMinor: 100,
      priceMaxMinor: 100,
      variants: [
        { sku, title: 'x', priceMinor: 100, compareAtMinor: null, selectedOptions: [], quantityOnHand: 0, position: 0 },
      ],
    });
    expect(await store.createProduct(draft('sku-race-tee', 'HT-S-BLK'))).toEqual({ kind: 'conflict', on: 'sku' });
    expect(await store.createProduct(draft('heavy-tee', 'FRESH-SKU'))).toEqual({ kind: 'conflict', on: 'slug' });
    expect(await prisma.product.count({ where: { slug: 'sku-race-tee' } })).toBe(0);
  });
});
