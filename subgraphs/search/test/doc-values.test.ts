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
