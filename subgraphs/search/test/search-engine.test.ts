import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { type FilterInput, SearchService } from '../src/domain/search.js';
import { DocValuesSync } from '../src/engine/doc-values-sync.js';
import { PostgresSearchEngine } from '../src/engine/postgres-search-engine.js';
import type { SearchResponse, SearchSort } from '../src/engine/search-engine.js';
import { DELETED_ID, type Doc, LIVE, loadCatalog, type RefFilter, refFacets, refMatches } from './documents.js';

const statements: string[] = [];
const prisma = createPrismaClient(process.env.DATABASE_URL as string, { onQuery: (sql) => statements.push(sql) });
/** Both ways the engine answers: all SQL, and doc values in memory kept in step by notifications. */
const MODES = ['sql', 'doc values'] as const;
type Mode = (typeof MODES)[number];
let search: SearchService;
let sync: DocValuesSync | null = null;

const byId = new Map(LIVE.map((d) => [d.id, d]));
const title = (id: string) => byId.get(id)?.title ?? `unknown ${id}`;
const titles = (r: SearchResponse) => r.hits.map((h) => title(h.productId));

/** Every product of a search, paging with cursors; checks the total on every page. */
async function searchAll(input: { query?: string; filter?: FilterInput; sort?: SearchSort }, first = 100) {
  const ids: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let pages = 0; pages < 100; pages++) {
    const page: SearchResponse = await search.search({ ...input, first, after });
    if (total === -1) total = page.totalCount;
    expect(page.totalCount).toBe(total);
    ids.push(...page.hits.map((h) => h.productId));
    if (!page.hasNextPage) break;
    after = page.hits.at(-1)?.cursor ?? null;
  }
  return { ids, total };
}

function facetCounts(r: SearchResponse): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const facet of r.facets) {
    for (const v of facet.values) {
      if (v.count === 0) continue;
      out[facet.name] ??= {};
      (out[facet.name] as Record<string, number>)[v.value] = v.count;
    }
  }
  return out;
}

beforeAll(async () => {
  await loadCatalog(prisma);
});

afterAll(async () => {
  await sync?.stop();
  await prisma.$disconnect();
});

for (const mode of MODES) {
  describe(`engine answering from ${mode}`, () => {
    beforeAll(async () => {
      if (mode === 'doc values') {
        sync = new DocValuesSync({ prisma, databaseUrl: process.env.DATABASE_URL as string, logger: silentLogger() });
        await sync.start();
        search = new SearchService(new PostgresSearchEngine(prisma, { docValues: sync }));
      } else {
        search = new SearchService(new PostgresSearchEngine(prisma));
      }
    });
    engineTests(mode);
  });
}

function engineTests(mode: Mode) {
  describe('relevance', () => {
    it('ranks a title match above a brand match above a category match above a description match', async () => {
      const r = await search.search({ query: 'zephyr' });
      expect(titles(r)).toEqual(['Zephyr Table Lamp', 'Desk Fan', 'Floor Light', 'Reading Light']);
      expect(r.totalCount).toBe(4);
      expect(r.correctedQuery).toBeNull();
    });

    it('matches the last word as a prefix while the user types', async () => {
      const r = await search.search({ query: 'wirel' });
      expect(titles(r).sort()).toEqual(
        ['Wireless Earbuds', 'Wireless Headphones', 'Wireless Mouse', 'Wireless Party Speaker'].sort(),
      );
      const two = await search.search({ query: 'wireless spea' });
      expect(titles(two)).toEqual(['Wireless Party Speaker']);
    });

    it('stems full words and requires every word', async () => {
      expect(titles(await search.search({ query: 'speakers wireless' }))).toEqual(['Wireless Party Speaker']);
      expect((await search.search({ query: 'sweater' })).totalCount).toBe(3);
    });

    it('folds case and accents both ways', async () => {
      expect(titles(await search.search({ query: 'cafe' }))).toEqual(['Café Espresso Maker']);
      expect(titles(await search.search({ query: 'CAFÉ ESPRESSO' }))).toEqual(['Café Espresso Maker']);
      expect(titles(await search.search({ query: 'creme brulee' }))).toEqual(['Crème Brûlée Torch']);
      // The brand "Crème Atelier" matches too.
      const brand = await search.search({ query: 'atelier' });
      expect(brand.totalCount).toBe(LIVE.filter((d) => d.brand === 'creme').length);
    });

    it('never returns deleted documents', async () => {
      for (const query of ['wireless headphones', 'zephyr', 'deleted', '']) {
        const { ids } = await searchAll({ query });
        expect(ids).not.toContain(DELETED_ID);
      }
    });
  });

  describe('typo tolerance', () => {
    it('corrects an unknown word to the closest known term when the query finds too little', async () => {
      const r = await search.search({ query: 'hedphones' });
      expect(r.correctedQuery).toBe('headphones');
      const right = await search.search({ query: 'headphones' });
      expect(right.correctedQuery).toBeNull();
      expect(r.totalCount).toBe(right.totalCount);
      expect(r.hits.map((h) => h.productId)).toEqual(right.hits.map((h) => h.productId));
      expect(titles(r)).toContain('Wireless Headphones');
    });

    it('corrects only the misspelt words of a longer query', async () => {
      const r = await search.search({ query: 'wireless hedphones' });
      expect(r.correctedQuery).toBe('wireless headphones');
      const right = await search.search({ query: 'wireless headphones' });
      expect(right.correctedQuery).toBeNull();
      expect(titles(r)).toEqual(titles(right));
      expect(titles(r)).toContain('Wireless Headphones');
      expect((await search.search({ query: 'Espreso' })).correctedQuery).toBe('espresso');
    });

    it('leaves a query alone when nothing better is found', async () => {
      const r = await search.search({ query: 'xqzvw' });
      expect(r.totalCount).toBe(0);
      expect(r.correctedQuery).toBeNull();
      expect(r.facets).toEqual([]);
    });
  });

  const COMBOS: RefFilter[] = [
    {},
    { categorySlugs: ['audio'] },
    { categorySlugs: ['headphones', 'laptops'] },
    { categorySlugs: ['electronics'] },
    { categorySlugs: ['home'] },
    { categorySlugs: ['no-such-category'] },
    { brandSlugs: ['sonora'] },
    { brandSlugs: ['sonora', 'acme'] },
    { price: { min: '25', max: '100' } },
    { price: { min: '0', max: '24.99' } },
    { price: { min: '500' } },
    { price: { max: '50' } },
    { price: { min: '49', max: '49' } },
    { attributes: [{ name: 'color', values: ['red'] }] },
    { attributes: [{ name: 'Color', values: ['Red', 'BLUE'] }] },
    {
      attributes: [
        { name: 'color', values: ['black'] },
        { name: 'size', values: ['m'] },
      ],
    },
    { attributes: [{ name: 'material', values: ['cotton'] }] },
    { inStock: true },
    { inStock: false },
    { minRating: 4 },
    { minRating: 3.5 },
    { categorySlugs: ['electronics'], brandSlugs: ['acme'], price: { min: '20', max: '300' } },
    {
      categorySlugs: ['apparel'],
      attributes: [
        { name: 'color', values: ['red', 'white'] },
        { name: 'size', values: ['m', 'l'] },
      ],
      inStock: true,
    },
    { brandSlugs: ['creme', 'nordhaus'], minRating: 4, inStock: true },
    {
      categorySlugs: ['kitchen'],
      price: { min: '20', max: '80' },
      attributes: [{ name: 'material', values: ['steel'] }],
    },
    { brandSlugs: ['nordhaus'], attributes: [{ name: 'material', values: ['wool', 'steel'] }], minRating: 1 },
    { categorySlugs: ['tops'], brandSlugs: ['acme', 'sonora'], inStock: false },
  ];

  describe('filters and facets against a brute-force count', () => {
    for (const query of ['', 'classic']) {
      describe(`query "${query}"`, () => {
        let textMatches: Doc[] = LIVE;
        beforeAll(async () => {
          if (query) {
            const { ids } = await searchAll({ query });
            textMatches = LIVE.filter((d) => ids.includes(d.id));
            expect(textMatches.length).toBeGreaterThan(8);
          }
        });

        for (const filter of COMBOS) {
          it(`${JSON.stringify(filter)}`, async () => {
            const expected = refMatches(textMatches, filter);
            const { ids, total } = await searchAll({ query, filter }, 10);
            expect(total).toBe(expected.length);
            expect([...ids].sort()).toEqual(expected.map((d) => d.id).sort());

            const first = await search.search({ query, filter, first: 5 });
            expect(facetCounts(first)).toEqual(refFacets(textMatches, filter));
            // Selected flags mark exactly the active values.
            for (const facet of first.facets) {
              for (const v of facet.values) {
                const active =
                  facet.name === 'category'
                    ? filter.categorySlugs?.includes(v.value)
                    : facet.name === 'brand'
                      ? filter.brandSlugs?.includes(v.value)
                      : facet.name === 'availability'
                        ? filter.inStock !== undefined && filter.inStock === (v.value === 'in_stock')
                        : facet.name === 'rating'
                          ? filter.minRating === Number(v.value)
                          : facet.name === 'price'
                            ? `${filter.price?.min ?? ''}-${filter.price?.max ?? ''}`.replace(/-$/, '+') === v.value
                            : filter.attributes?.some(
                                (a) =>
                                  a.name.toLowerCase() === facet.name &&
                                  a.values.map((x) => x.toLowerCase()).includes(v.value),
                              );
                expect(v.selected, `${facet.name}=${v.value}`).toBe(Boolean(active));
              }
            }
          });
        }
      });
    }

    it('counts a facet value as if it were chosen instead (disjunctive facets)', async () => {
      const r = await search.search({ filter: { brandSlugs: ['sonora'], inStock: true } });
      const brand = r.facets.find((f) => f.name === 'brand');
      const acme = brand?.values.find((v) => v.value === 'acme');
      const onlyAcme = await search.search({ filter: { brandSlugs: ['acme'], inStock: true } });
      expect(acme).toMatchObject({ selected: false, count: onlyAcme.totalCount });
      expect(brand?.values.find((v) => v.value === 'sonora')).toMatchObject({ selected: true, count: r.totalCount });
    });

    it('keeps a selected value that matches nothing, so it can be unselected', async () => {
      const r = await search.search({ filter: { brandSlugs: ['ghost'] } });
      expect(r.totalCount).toBe(0);
      expect(r.facets.find((f) => f.name === 'brand')?.values.find((v) => v.value === 'ghost')).toEqual({
        value: 'ghost',
        label: 'ghost',
        count: 0,
        selected: true,
      });
    });

    it('labels facets with the catalog casing and marks a selected price bucket', async () => {
      const r = await search.search({ filter: { price: { min: '25', max: '50' }, categorySlugs: ['audio'] } });
      const color = r.facets.find((f) => f.name === 'color');
      expect(color?.label).toBe('Color');
      expect(color?.values.length).toBeGreaterThan(0);
      for (const v of color?.values ?? []) expect(v.label).toBe(v.value[0]?.toUpperCase() + v.value.slice(1));
      const price = r.facets.find((f) => f.name === 'price');
      expect(price?.values.find((v) => v.selected)?.value).toBe('25-50');
      const category = r.facets.find((f) => f.name === 'category');
      expect(category?.values.find((v) => v.value === 'audio')).toMatchObject({ label: 'Audio', selected: true });
      expect(r.facets.map((f) => f.name).slice(0, 5)).toEqual(['category', 'brand', 'price', 'rating', 'availability']);
    });

    it('treats a price in another currency in its own major units', async () => {
      const r = await search.search({ query: 'tenugui', filter: { price: { min: '2999', max: '3000' } } });
      expect(titles(r)).toEqual(['Tenugui Cotton Towel']);
    });
  });

  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const REFERENCE_ORDER: Record<Exclude<SearchSort, 'RELEVANCE'> | 'BROWSE', (a: Doc, b: Doc) => number> = {
    PRICE_ASC: (a, b) => cmp(Math.min(...a.prices), Math.min(...b.prices)) || cmp(a.id, b.id),
    PRICE_DESC: (a, b) => cmp(Math.min(...b.prices), Math.min(...a.prices)) || cmp(b.id, a.id),
    NEWEST: (a, b) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id),
    RATING: (a, b) => cmp(b.rating ?? -1, a.rating ?? -1) || cmp(b.reviewCount, a.reviewCount) || cmp(b.id, a.id),
    BROWSE: (a, b) =>
      cmp(b.popularity, a.popularity) ||
      cmp(b.rating ?? -1, a.rating ?? -1) ||
      cmp(b.createdAt, a.createdAt) ||
      cmp(b.id, a.id),
  };

  describe('sorting and paging', () => {
    for (const sort of ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST', 'RATING'] as const) {
      it(`${sort}: pages through everything without gaps or repeats, in order`, async () => {
        const reference = [...LIVE].sort(REFERENCE_ORDER[sort === 'RELEVANCE' ? 'BROWSE' : sort]).map((d) => d.id);
        for (const first of [1, 7, 100]) {
          const { ids, total } = await searchAll({ sort }, first);
          expect(total).toBe(LIVE.length);
          expect(ids).toEqual(reference);
        }
        // With a text query and a filter too.
        const all = await searchAll({ query: 'classic', sort, filter: { inStock: true } }, 100);
        const paged = await searchAll({ query: 'classic', sort, filter: { inStock: true } }, 3);
        expect(paged).toEqual(all);
        expect(new Set(paged.ids).size).toBe(paged.ids.length);
      });
    }

    it('ranks by relevance with a query and pages it stably', async () => {
      const all = await searchAll({ query: 'headphones' }, 100);
      const paged = await searchAll({ query: 'headphones' }, 2);
      expect(paged).toEqual(all);
      expect(all.total).toBe(4);
    });

    it('rejects a cursor of another sort, a forged cursor and a page size out of range', async () => {
      const page = await search.search({ sort: 'NEWEST', first: 2 });
      const cursor = page.hits[1]?.cursor as string;
      await expect(search.search({ sort: 'PRICE_ASC', after: cursor })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      await expect(search.search({ sort: 'RELEVANCE', query: 'tee', after: cursor })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const forged = [
        'not a cursor',
        Buffer.from('["newest","2025-02-30T00:00:00.000Z","a0000000-0000-4000-8000-000000001eef"]').toString(
          'base64url',
        ),
        Buffer.from('["newest","x","y"]').toString('base64url'),
        Buffer.from('["price-asc","1); DROP TABLE search_documents;--","x"]').toString('base64url'),
        Buffer.from('{}').toString('base64url'),
      ];
      for (const after of forged) {
        await expect(search.search({ sort: 'NEWEST', after })).rejects.toMatchObject({
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      for (const first of [0, -1, 101, 1.5]) {
        await expect(search.search({ first })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      }
    });
  });

  describe('input safety', () => {
    it.each([
      "' OR 1=1--",
      'a & | !',
      '(a+)+$',
      ':*',
      '\\',
      "''''",
      'wire:* & !less',
      '!@#$%^&*()_+{}|:"<>?',
      '  \t\n  ',
      '日本語 テスト',
      'Ünïcödé ŝtrîñg',
      '½ ß æ ø',
      '%_%',
      'a'.repeat(200),
    ])('answers %j without an error', async (query) => {
      const r = await search.search({ query, filter: { inStock: true } });
      expect(r.totalCount).toBeGreaterThanOrEqual(0);
      expect(r.hits).not.toContainEqual(expect.objectContaining({ productId: DELETED_ID }));
    });

    it('browses by filters with an empty query (or one without any word)', async () => {
      const filter = { categorySlugs: ['coffee'] };
      const expected = refMatches(LIVE, filter).length;
      for (const query of [undefined, '', '   ', ':*', '&|!']) {
        expect((await search.search({ query, filter })).totalCount).toBe(expected);
      }
    });

    it('rejects a query over 200 characters, bad prices and bad ratings', async () => {
      const bad = (input: Parameters<SearchService['search']>[0]) =>
        expect(search.search(input)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      await bad({ query: 'a'.repeat(201) });
      for (const min of ['abc', '-1', '1e3', '1.2.3', '', '1.2345', '0x10', ' ', 'NaN', '12345678901234']) {
        await bad({ filter: { price: { min } } });
      }
      await bad({ filter: { price: { max: '10,00' } } });
      await bad({ filter: { price: { min: '50', max: '10' } } });
      await bad({ filter: { minRating: 6 } });
      await bad({ filter: { minRating: -1 } });
      await bad({ filter: { minRating: Number.NaN } });
    });
  });

  describe('cost', () => {
    it('runs a small constant number of SQL statements per search with facets', async () => {
      await search.search({ query: 'wireless' }); // warm the pool
      // A new engine: nothing of its earlier queries kept.
      const engine =
        mode === 'sql' ? search : new SearchService(new PostgresSearchEngine(prisma, { docValues: sync ?? undefined }));
      const count = async (input: Parameters<SearchService['search']>[0]) => {
        statements.length = 0;
        await engine.search(input);
        return statements.filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SET|DEALLOCATE)/i.test(s)).length;
      };
      const browse = await count({ filter: { categorySlugs: ['electronics'], brandSlugs: ['acme'], inStock: true } });
      const textInput = {
        query: 'classic',
        filter: { attributes: [{ name: 'color', values: ['red'] }], price: { min: '10', max: '200' } },
        sort: 'PRICE_ASC' as const,
      };
      const text = await count(textInput);
      const textAgain = await count(textInput);
      const typo = await count({ query: 'hedphones' });
      console.info(
        `SQL statements per search (${mode}): browse ${browse}, text ${text} then ${textAgain}, typo correction ${typo}`,
      );
      // From doc values a browse needs no SQL at all; a text query one statement the first time
      // its words are searched (Postgres builds the tsquery), then none: the text index matches it.
      expect(browse).toBe(mode === 'sql' ? 2 : 0);
      expect(text).toBe(mode === 'sql' ? 2 : 1);
      expect(textAgain).toBe(mode === 'sql' ? 2 : 0);
      expect(typo).toBeLessThanOrEqual(5);
    });
  });
}
