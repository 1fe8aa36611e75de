import { randomBytes, randomUUID } from 'node:crypto';
import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let admin: Record<string, string>;
const tag = randomBytes(3).toString('hex');
let leafA: { slug: string; name: string };
let leafB: { slug: string; name: string };
let brands: Array<{ slug: string; name: string }>;

interface Crafted {
  title: string;
  description: string;
  leaf: 'A' | 'B';
  brand: number | null;
  prices: string[];
  colors: string[];
  material: string;
  stock: number;
}

const CRAFTED: Crafted[] = [
  {
    title: 'Aurora Wireless Headphones',
    description: 'Over-ear, noise cancelling.',
    leaf: 'A',
    brand: 0,
    prices: ['199.00', '219.00'],
    colors: ['Black', 'White'],
    material: 'Plastic',
    stock: 5,
  },
  {
    title: 'Studio Monitor Speakers',
    description: 'Pairs well with headphones for mixing.',
    leaf: 'A',
    brand: 1,
    prices: ['349.00'],
    colors: ['Black'],
    material: 'Wood',
    stock: 2,
  },
  {
    title: 'Travel Earbuds',
    description: 'Tiny and light.',
    leaf: 'A',
    brand: 0,
    prices: ['59.99'],
    colors: ['White', 'Blue'],
    material: 'Plastic',
    stock: 0,
  },
  {
    title: 'Linen Camp Shirt',
    description: 'Breezy summer shirt.',
    leaf: 'B',
    brand: 2,
    prices: ['45.00', '49.00'],
    colors: ['Blue'],
    material: 'Linen',
    stock: 9,
  },
  {
    title: 'Oxford Button Shirt',
    description: 'A classic.',
    leaf: 'B',
    brand: 1,
    prices: ['69.00'],
    colors: ['White', 'Blue'],
    material: 'Cotton',
    stock: 3,
  },
  {
    title: 'Café Racer Jacket',
    description: 'Waxed cotton, café style.',
    leaf: 'B',
    brand: null,
    prices: ['189.00'],
    colors: ['Black'],
    material: 'Cotton',
    stock: 0,
  },
  {
    title: 'Wireless Charging Pad',
    description: 'Fast charging.',
    leaf: 'A',
    brand: 2,
    prices: ['29.00'],
    colors: ['Black'],
    material: 'Plastic',
    stock: 7,
  },
];

async function waitFor<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  ms = 5_000,
): Promise<{ value: T; elapsed: number }> {
  const started = Date.now();
  let value = await probe();
  while (!ok(value) && Date.now() - started < ms) {
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  return { value, elapsed: Date.now() - started };
}

const SEARCH = `query($q: String, $f: ProductFilter, $s: SearchSort, $first: Int, $after: String) {
  search(query: $q, filter: $f, sort: $s, first: $first, after: $after) {
    correctedQuery
    products { totalCount nodes { id title priceRange { min { amount } } } pageInfo { hasNextPage endCursor } }
    facets { name values { value count selected } }
  } }`;
const search = (variables: Record<string, unknown>) => sg.gql(SEARCH, variables);

async function createProduct(p: Crafted, i: number) {
  const leaf = p.leaf === 'A' ? leafA : leafB;
  const variants = p.colors.flatMap((color, c) => ({
    sku: `SRCH-${tag}-${i}-${c}`,
    title: color,
    price: p.prices[c] ?? p.prices[0],
    selectedOptions: [{ name: 'Color', value: color }],
    quantityOnHand: c === 0 ? p.stock : 0,
  }));
  const res = await sg.gql(
    `mutation($i: ProductInput!) { productCreate(input: $i) { product { id } userErrors { code field } } }`,
    {
      i: {
        slug: `${p.title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}-${tag}`,
        title: p.title,
        description: p.description,
        categorySlug: leaf.slug,
        ...(p.brand === null ? {} : { brandSlug: brands[p.brand]?.slug }),
        currencyCode: 'USD',
        attributes: [{ name: 'Material', value: p.material }],
        variants,
      },
    },
    admin,
  );
  expect(res.data.productCreate.userErrors).toEqual([]);
  return res.data.productCreate.product.id as string;
}

beforeAll(async () => {
  sg = await startSupergraph();
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 150 });
  await sg.prisma.search.$executeRawUnsafe('TRUNCATE search_documents, search_terms, applied_events');
  // Writes that bypass the document writers must say so, as a reindex does: doc values reload.
  await sg.prisma.search.$executeRawUnsafe(`SELECT pg_notify('search_documents', '*')`);
  admin = await sg.bearer(randomUUID(), 'ADMIN');
  const leaves = await sg.prisma.products.category.findMany({
    where: { children: { none: {} } },
    orderBy: { slug: 'asc' },
  });
  const roots = new Map<string, string>();
  const all = await sg.prisma.products.category.findMany();
  const rootOf = (id: string): string => {
    const c = all.find((x) => x.id === id);
    return c?.parentId ? rootOf(c.parentId) : id;
  };
  for (const leaf of leaves) if (!roots.has(rootOf(leaf.id))) roots.set(rootOf(leaf.id), leaf.slug);
  const [a, b] = [...roots.values()];
  leafA = leaves.find((l) => l.slug === a) as { slug: string; name: string };
  leafB = leaves.find((l) => l.slug === b) as { slug: string; name: string };
  brands = await sg.prisma.products.brand.findMany({ take: 3, orderBy: { slug: 'asc' } });
  for (const [i, p] of CRAFTED.entries()) await createProduct(p, i);
  await waitFor(
    () => sg.prisma.search.searchDocument.count({ where: { deleted: false } }),
    (n) => n === CRAFTED.length,
  );
  await waitFor(
    async () => sg.docValues.current?.size ?? -1,
    (n) => n === CRAFTED.length,
  );
});

afterAll(async () => {
  await sg?.stop();
});

describe('search through the router', () => {
  it('ranks title matches above description matches, and matches the last word as a prefix', async () => {
    const res = await search({ q: 'headphones' });
    expect(res.errors).toBeUndefined();
    const titles = res.data.search.products.nodes.map((n: any) => n.title);
    expect(titles[0]).toBe('Aurora Wireless Headphones');
    expect(titles).toContain('Studio Monitor Speakers');
    const prefix = await search({ q: 'wirel' });
    expect(prefix.data.search.products.nodes.map((n: any) => n.title).sort()).toEqual([
      'Aurora Wireless Headphones',
      'Wireless Charging Pad',
    ]);
  });

  it('corrects typos and says what it searched', async () => {
    const res = await search({ q: 'hedphones' });
    expect(res.data.search.correctedQuery).toBe('headphones');
    expect(res.data.search.products.nodes[0].title).toBe('Aurora Wireless Headphones');
    expect((await search({ q: 'headphones' })).data.search.correctedQuery).toBeNull();
  });

  it('folds accents and survives hostile input', async () => {
    expect((await search({ q: 'cafe' })).data.search.products.nodes.map((n: any) => n.title)).toEqual([
      'Café Racer Jacket',
    ]);
    for (const q of ["' OR 1=1--", 'a & | !', '(a+)+$', ':*', '\\', '🙂']) {
      const res = await search({ q });
      expect([q, res.errors]).toEqual([q, undefined]);
    }
  });

  it('filters and counts facets exactly as a brute-force count over the same data', async () => {
    const docs = CRAFTED.map((p) => ({
      ...p,
      inStock: p.stock > 0,
      brandSlug: p.brand === null ? null : brands[p.brand]?.slug,
    }));
    type Doc = (typeof docs)[number];
    const combos: Array<{
      filter: Record<string, unknown>;
      keep: (d: Doc) => boolean;
      exceptBrand?: (d: Doc) => boolean;
    }> = [
      { filter: {}, keep: () => true },
      { filter: { inStock: true }, keep: (d) => d.inStock },
      { filter: { categorySlugs: [leafA.slug] }, keep: (d) => d.leaf === 'A' },
      {
        filter: { brandSlugs: [brands[0]?.slug] },
        keep: (d) => d.brandSlug === brands[0]?.slug,
        exceptBrand: () => true,
      },
      {
        filter: { attributes: [{ name: 'Color', values: ['Blue', 'White'] }] },
        keep: (d) => d.colors.some((c) => c === 'Blue' || c === 'White'),
      },
      {
        filter: {
          attributes: [
            { name: 'Color', values: ['Black'] },
            { name: 'Material', values: ['Plastic'] },
          ],
        },
        keep: (d) => d.colors.includes('Black') && d.material === 'Plastic',
      },
      {
        filter: { price: { min: '40', max: '200' } },
        keep: (d) => d.prices.some((p) => Number(p) >= 40 && Number(p) <= 200),
      },
      {
        filter: { categorySlugs: [leafB.slug], inStock: true, price: { min: '50' } },
        keep: (d) => d.leaf === 'B' && d.inStock && d.prices.some((p) => Number(p) >= 50),
      },
    ];
    for (const { filter, keep, exceptBrand } of combos) {
      const res = await search({ f: filter, first: 100 });
      expect(res.errors).toBeUndefined();
      const expected = docs
        .filter(keep)
        .map((d) => d.title)
        .sort();
      expect([filter, res.data.search.products.nodes.map((n: any) => n.title).sort()]).toEqual([filter, expected]);
      expect(res.data.search.products.totalCount).toBe(expected.length);
      // Disjunctive facets: a brand's count is what selecting it instead would give, the other filters applied.
      const brandFacet = res.data.search.facets.find((f: any) => f.name === 'brand');
      const base = docs.filter(exceptBrand ?? keep);
      for (const value of brandFacet?.values ?? []) {
        expect([filter, value.value, value.count]).toEqual([
          filter,
          value.value,
          base.filter((d) => d.brandSlug === value.value).length,
        ]);
        expect(value.selected).toBe(((filter as { brandSlugs?: string[] }).brandSlugs ?? []).includes(value.value));
      }
      const brandsWithProducts = new Set(base.map((d) => d.brandSlug).filter(Boolean));
      expect([filter, (brandFacet?.values ?? []).length]).toEqual([filter, brandsWithProducts.size]);
      const availability = res.data.search.facets.find((f: any) => f.name === 'availability');
      const inStockValue = availability?.values.find((v: any) => v.value === 'in_stock');
      if (!('inStock' in filter)) {
        expect([filter, inStockValue?.count ?? 0]).toEqual([filter, docs.filter(keep).filter((d) => d.inStock).length]);
      }
    }
  });

  it('sorts by price and pages through every result with cursors', async () => {
    const byPrice = await search({ s: 'PRICE_ASC', first: 100 });
    const prices = byPrice.data.search.products.nodes.map((n: any) => Number(n.priceRange.min.amount));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const page: any = await search({ s: 'NEWEST', first: 3, after });
      seen.push(...page.data.search.products.nodes.map((n: any) => n.id));
      if (!page.data.search.products.pageInfo.hasNextPage) break;
      after = page.data.search.products.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(CRAFTED.length);
    expect(new Set(seen).size).toBe(CRAFTED.length);
  });

  it('suggests product titles, brands and categories as the user types', async () => {
    const res = await sg.gql('{ searchSuggestions(prefix: "auro") { text product { title } } }');
    expect(res.data.searchSuggestions[0]).toEqual({
      text: 'Aurora Wireless Headphones',
      product: { title: 'Aurora Wireless Headphones' },
    });
  });

  it('shows an admin’s new product within 2 s, and drops a deleted one within 2 s', async () => {
    const id = await createProduct({ ...(CRAFTED[0] as Crafted), title: `Zephyrine Lamp ${tag}` }, 99);
    const found = await waitFor(
      () => search({ q: 'zephyrine' }),
      (r: any) => r.data.search.products.totalCount === 1,
      2_000,
    );
    expect(found.value.data.search.products.nodes[0].id).toBe(id);
    expect(found.elapsed).toBeLessThan(2_000);
    await sg.gql('mutation($id: ID!) { productDelete(id: $id) { userErrors { code } } }', { id }, admin);
    const gone = await waitFor(
      () => search({ q: 'zephyrine' }),
      (r: any) => r.data.search.products.totalCount === 0,
      2_000,
    );
    expect(gone.value.data.search.products.totalCount).toBe(0);
    expect(gone.elapsed).toBeLessThan(2_000);
  });
});
