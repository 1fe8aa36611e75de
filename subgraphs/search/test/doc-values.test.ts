import { describe, expect, it } from 'vitest';
import { DocValues, type DocValuesRow } from '../src/engine/doc-values.js';
import { normalizeFilter } from '../src/engine/search-filters.js';
import { parseTsVector, type TsQueryNode } from '../src/engine/ts-text.js';

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
    searchVector: vector(n, variant),
  };
}

/** A search vector as Postgres prints one: lexemes in order, positions with weights (none = D). */
function vector(n: number, variant: number): string {
  const pick = <T>(values: T[], k: number) => values[k % values.length] as T;
  const entries = new Map<string, string[]>();
  const add = (lexeme: string, position: number, weight: string) =>
    entries.set(lexeme, [...(entries.get(lexeme) ?? []), `${position}${weight}`]);
  add(pick(['shirt', 'shoe', 'speaker', 'shirtdress'], n + variant), 1, 'A');
  add(pick(['red', 'blue', 'green'], n + variant), 2, 'A');
  add(`lot${(n * 7 + variant) % 40}`, 3, 'B');
  add(pick(['wool', 'cotton', 'linen'], n), 4, 'C');
  for (let p = 0; p < n % 6; p++) add(pick(['soft', 'shirt', 'red', 'warm'], n + p), 5 + p * 3, '');
  return [...entries.keys()]
    .sort()
    .map((lexeme) => `'${lexeme}':${(entries.get(lexeme) as string[]).join(',')}`)
    .join(' ');
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

describe('doc values: text queries from the text index', () => {
  // Churned doc values (vectors rewritten several times, so the text index's pools
  // compact; documents removed; freed slots reused) must match and rank exactly like
  // doc values built once from the final rows, in another slot order.
  const churned = new DocValues();
  const finalRows = new Map<string, DocValuesRow>();
  const put = (r: DocValuesRow) => {
    churned.upsert(r);
    finalRows.set(r.productId, r);
  };
  for (let n = 1; n <= 3000; n++) put(row(n));
  for (let round = 1; round <= 6; round++) for (let n = round; n <= 3000; n += 2) put(row(n, round));
  for (let n = 3; n <= 3000; n += 11) {
    churned.remove(id(n));
    finalRows.delete(id(n));
  }
  for (let n = 3001; n <= 3200; n++) put(row(n, 3)); // into freed slots, then past them
  const fresh = new DocValues();
  for (const r of [...finalRows.values()].reverse()) fresh.upsert(r);

  const term = (lexeme: string, prefix = false): TsQueryNode => ({ kind: 'term', lexeme, prefix });
  const queries: Array<[string, TsQueryNode]> = [
    ['one lexeme', term('shirt')],
    ['a prefix', term('shirt', true)],
    ['a one-letter prefix', term('s', true)],
    [
      'AND of OR',
      { kind: 'and', left: term('red'), right: { kind: 'or', left: term('shirt'), right: term('shirt', true) } },
    ],
    ['OR', { kind: 'or', left: term('lot1'), right: term('lot22') }],
    ['an unknown lexeme', term('nothing')],
  ];
  /** Brute force over the final rows' vectors: does the document hold the term's lexeme (or one with the prefix)? */
  const holds = (r: DocValuesRow, q: TsQueryNode): boolean => {
    if (q.kind === 'term') {
      return parseTsVector(r.searchVector ?? '').lexemes.some((l) =>
        q.prefix ? l.startsWith(q.lexeme) : l === q.lexeme,
      );
    }
    return q.kind === 'and' ? holds(r, q.left) && holds(r, q.right) : holds(r, q.left) || holds(r, q.right);
  };

  for (const [name, query] of queries) {
    it(`matches and ranks ${name} as doc values built from scratch do`, () => {
      const expected = [...finalRows.values()].filter((r) => holds(r, query)).length;
      for (const sort of ['relevance-text', 'price-asc'] as const) {
        const page = { sort, after: null, afterId: null, first: 5000 };
        const ours = churned.evaluate(normalizeFilter({}), { text: query, page, facets: true });
        const theirs = fresh.evaluate(normalizeFilter({}), { text: query, page, facets: true });
        expect(ours.page.total).toBe(expected);
        expect(ours.page.hits).toEqual(theirs.page.hits);
        expect(sorted(ours.facets)).toEqual(sorted(theirs.facets));
      }
      const filtered = { brandSlugs: ['acme'], inStock: true };
      const page = { sort: 'relevance-text' as const, after: null, afterId: null, first: 20 };
      const ours = churned.evaluate(normalizeFilter(filtered), { text: query, page, facets: true });
      const theirs = fresh.evaluate(normalizeFilter(filtered), { text: query, page, facets: true });
      expect(ours.page).toEqual(theirs.page);
      expect(sorted(ours.facets)).toEqual(sorted(theirs.facets));
    });
  }

  it('ranks by cover density: more and closer occurrences, and heavier weights, score higher', () => {
    const docs = new DocValues();
    const base = row(1);
    const vectors: Array<[string, string]> = [
      ['title', `'lamp':1A`],
      ['description', `'lamp':9`],
      ['twice in the description', `'lamp':9,30`],
      ['adjacent pair', `'desk':1A 'lamp':2A`],
      ['distant pair', `'desk':1A 'lamp':8A`],
    ];
    vectors.forEach(([, searchVector], i) => {
      docs.upsert({ ...base, productId: id(100 + i), rating: null, popularity: 0, searchVector });
    });
    const score = (query: TsQueryNode) => {
      const { page } = docs.evaluate(normalizeFilter({}), {
        text: query,
        page: { sort: 'relevance-text', after: null, afterId: null, first: 10 },
        facets: false,
      });
      return Object.fromEntries(
        page.hits.map((h) => [vectors[Number(h.productId.slice(-3)) - 100]?.[0], Number(h.keys[0])]),
      );
    };
    const lamp = score(term('lamp'));
    // One A occurrence: 1 / (1 / 1.0) = 1, times 1.06 for an unrated product; D: 0.1 (float4) times 1.06.
    expect(lamp.title).toBeCloseTo(1.06, 9);
    expect(lamp.description).toBeCloseTo(Math.fround(0.1) * 1.06, 9);
    expect(lamp['twice in the description']).toBeCloseTo(2 * lamp.description, 8);
    const pair = score({ kind: 'and', left: term('desk'), right: term('lamp') });
    expect(Object.keys(pair).sort()).toEqual(['adjacent pair', 'distant pair']);
    // Two positions, no noise between them: 2 / (1 + 1) = 1; six words apart: 1 / 7.
    expect(pair['adjacent pair']).toBeCloseTo(1.06, 9);
    expect(pair['distant pair']).toBeCloseTo(Math.fround(1 / 7) * 1.06, 9);
  });

  it('compacts the pools of replaced vectors', () => {
    const poolBytes = churned.textStats?.poolBytes ?? 0;
    expect(poolBytes).toBeGreaterThan(0);
    console.info(`text index pools in use: churned ${poolBytes} bytes, fresh ${fresh.textStats?.poolBytes} bytes`);
    expect(poolBytes).toBeLessThan(3 * (fresh.textStats?.poolBytes ?? 0));
  });
});
