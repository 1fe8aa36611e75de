import { describe, expect, it } from 'vitest';
import { DocValues, type DocValuesRow } from '../src/engine/doc-values.js';
import { normalizeFilter } from '../src/engine/search-filters.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function row(n: number, variant = 0): DocValuesRow {
  const pick = <T>(values: T[], k: number) => values[k % values.length] as T;
  return {
    productId: id(n),
    brandSlug: n % 7 === 0 ? null : pick(['acme', 'nordhaus', 'sonora'], n + variant),
    brandName: n % 7 === 0 ? null : pick(['Acme', 'Nordhaus', 'Sonora'], n + variant),
    categorySlugs: ['root', pick(['tops', 'shoes', 'audio'], n), ...(n % 3 === 0 ? ['deep'] : [])],
    categoryNames: ['Root', pick(['Tops', 'Shoes', 'Audio'], n), ...(n % 3 === 0 ? ['Deep'] : [])],
    currencyCode: n % 11 === 0 ? 'JPY' : 'USD',
    variantPricesMinor: Array.from({ length: 1 + ((n + variant) % 4) }, (_, i) => 500 + ((n * 977 + i * 3100) % 60000)),
    priceMinMinor: 500 + ((n * 977) % 60000),
    inStock: (n + variant) % 5 !== 0,
    rating: n % 6 === 0 ? null : ((n * 37) % 500) / 100,
    reviewCount: n % 13,
    popularity: (n * 7) % 50,
    attributes: [
      { name: 'Color', value: pick(['Red', 'Blue', 'Green'], n + variant) },
      ...(n % 2 === 0 ? [{ name: 'Size', value: pick(['S', 'M', 'L', 'XL'], n) }] : []),
      // More values than the facets counted by set intersections take.
      ...(n % 5 === 0 ? [{ name: 'Lot', value: `L${(n + variant) % 90}` }] : []),
    ],
    createdAtMs: Date.UTC(2026, 0, 1) + n * 60_000,
  };
}

const sorted = (rows: ReturnType<DocValues['evaluate']>['facets']) =>
  [...rows].sort((a, b) => `${a.kind}${a.facet}${a.value}`.localeCompare(`${b.kind}${b.facet}${b.value}`));

describe('doc values', () => {
  it('keeps the unfiltered facet totals equal to a full count through upserts, updates and removals', () => {
    const docs = new DocValues();
    for (let n = 1; n <= 3000; n++) docs.upsert(row(n));
    for (let n = 1; n <= 3000; n += 4) docs.upsert(row(n, 1)); // changed brand, prices, stock, colour
    for (let n = 2; n <= 3000; n += 9) docs.remove(id(n));
    for (let n = 3001; n <= 3100; n++) docs.upsert(row(n, 2)); // reuses freed slots
    const none = normalizeFilter({});
    const totals = docs.evaluate(none, { facets: true });
    const live = [...Array(3100).keys()].map((k) => id(k + 1)).filter((x) => docs.has(x));
    // Naming every live document as a text query's matches forces the counting path.
    const counted = docs.evaluate(none, { matches: { ids: live, scores: null }, facets: true });
    expect(totals.page.total).toBe(live.length);
    expect(counted.page.total).toBe(live.length);
    expect(sorted(totals.facets)).toEqual(sorted(counted.facets));
    expect(totals.facets.find((f) => f.kind === 'category' && f.value === 'root')?.count).toBe(live.length);
  });

  it('pages an unfiltered browse in sort order after a cursor, ties broken by product id', () => {
    const docs = new DocValues();
    for (let n = 1; n <= 500; n++) docs.upsert({ ...row(n), popularity: n % 3 });
    const none = normalizeFilter({});
    const seen: string[] = [];
    let after: string[] | null = null;
    let afterId: string | null = null;
    for (;;) {
      const { page } = docs.evaluate(none, { page: { sort: 'price-asc', after, afterId, first: 37 }, facets: false });
      const hits = page.hits.slice(0, 37);
      seen.push(...hits.map((h) => h.productId));
      if (page.hits.length <= 37) break;
      const last = hits.at(-1) as { productId: string; keys: string[] };
      after = last.keys;
      afterId = last.productId;
    }
    const expected = [...Array(500).keys()]
      .map((k) => row(k + 1))
      .sort((a, b) => a.priceMinMinor - b.priceMinMinor || (a.productId < b.productId ? -1 : 1))
      .map((r) => r.productId);
    expect(seen).toEqual(expected);
  });
});

describe('doc values: a filtered browse from the per-value sets', () => {
  // The browse reads the maintained sets of slots; naming every live document as a
  // text query's matches reads each document's columns instead. Both must agree on
  // every filter combination, after updates, removals and reused slots.
  const docs = new DocValues();
  for (let n = 1; n <= 4000; n++) docs.upsert(row(n));
  for (let n = 1; n <= 4000; n += 3) docs.upsert(row(n, 1)); // brand, prices, stock, colour change
  for (let n = 5; n <= 4000; n += 7) docs.remove(id(n));
  for (let n = 4001; n <= 4300; n++) docs.upsert(row(n, 2)); // into freed slots, then past them
  const live = [...Array(4300).keys()].map((k) => id(k + 1)).filter((x) => docs.has(x));

  const filters: Array<[string, Parameters<typeof normalizeFilter>[0]]> = [
    ['category', { categorySlugs: ['shoes'] }],
    ['category with descendants, two values', { categorySlugs: ['deep', 'audio'] }],
    ['unknown category', { categorySlugs: ['nowhere'] }],
    ['brand', { brandSlugs: ['acme', 'sonora'] }],
    ['price inside some variants only', { priceMinMilli: 100_000, priceMaxMilli: 150_000 }],
    ['price from', { priceMinMilli: 400_000 }],
    ['in stock', { inStock: true }],
    ['out of stock', { inStock: false }],
    ['rating', { minRating: 3.5 }],
    ['colour', { attributes: [{ name: 'Color', values: ['red', 'green'] }] }],
    [
      'everything at once',
      {
        categorySlugs: ['tops', 'deep'],
        brandSlugs: ['nordhaus', 'acme'],
        priceMinMilli: 20_000,
        priceMaxMilli: 400_000,
        inStock: true,
        minRating: 1,
        attributes: [
          { name: 'color', values: ['blue', 'red'] },
          { name: 'Size', values: ['m', 'xl'] },
        ],
      },
    ],
    ['an attribute with many values', { attributes: [{ name: 'Lot', values: ['l3', 'l10', 'l45'] }], inStock: true }],
    [
      'an attribute with many values and one with few, price and rating',
      {
        attributes: [
          { name: 'lot', values: ['l5', 'l20'] },
          { name: 'Color', values: ['blue'] },
        ],
        priceMinMilli: 5_000,
        minRating: 2,
      },
    ],
    ['an attribute the index never saw', { attributes: [{ name: 'Fabric', values: ['wool'] }], inStock: false }],
  ];

  for (const [name, filter] of filters) {
    it(`agrees with the document-by-document count: ${name}`, () => {
      const f = normalizeFilter(filter);
      const page = { sort: 'relevance' as const, after: null, afterId: null, first: 30 };
      const fromSets = docs.evaluate(f, { page, facets: true });
      const fromColumns = docs.evaluate(f, { matches: { ids: live, scores: null }, page, facets: true });
      expect(fromSets.page).toEqual(fromColumns.page);
      expect(sorted(fromSets.facets)).toEqual(sorted(fromColumns.facets));
      const withoutFacets = docs.evaluate(f, { page, facets: false });
      expect(withoutFacets.page).toEqual(fromColumns.page);
      expect(withoutFacets.facets).toEqual([]);
    });
  }

  it('counts what a brute-force pass over the rows finds', () => {
    const rows = [...Array(4300).keys()]
      .map((k) => k + 1)
      .filter((n) => docs.has(id(n)))
      .map((n) => (n > 4000 ? row(n, 2) : n % 3 === 1 ? row(n, 1) : row(n)));
    const f = normalizeFilter({
      categorySlugs: ['shoes'],
      inStock: true,
      attributes: [{ name: 'Size', values: ['s'] }],
    });
    const { page, facets } = docs.evaluate(f, { facets: true });
    const passes = (r: DocValuesRow, skip: string) =>
      (skip === 'category' || r.categorySlugs.includes('shoes')) &&
      (skip === 'stock' || r.inStock) &&
      (skip === 'size' || r.attributes.some((a) => a.name === 'Size' && a.value === 'S'));
    const expected = (skip: string, has: (r: DocValuesRow) => boolean) => {
      const n = rows.filter((r) => passes(r, skip) && has(r)).length;
      expect(n).toBeGreaterThan(0); // the fixture makes every count below non-trivial
      return n;
    };
    const count = (kind: string, value: string) => facets.find((x) => x.kind === kind && x.value === value)?.count;
    expect(page.total).toBe(expected('', () => true));
    expect(count('category', 'audio')).toBe(expected('category', (r) => r.categorySlugs.includes('audio')));
    expect(count('availability', 'out_of_stock')).toBe(expected('stock', (r) => !r.inStock));
    expect(count('attribute', 'l')).toBe(expected('size', (r) => r.attributes.some((a) => a.value === 'L')));
    expect(count('attribute', 'red')).toBe(expected('', (r) => r.attributes.some((a) => a.value === 'Red')));
    expect(count('brand', 'acme')).toBe(expected('', (r) => r.brandSlug === 'acme'));
  });
});
