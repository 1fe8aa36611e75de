import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { type FilterInput, SearchService } from '../src/domain/search.js';
import { DocValuesSync } from '../src/engine/doc-values-sync.js';
import { PostgresSearchEngine } from '../src/engine/postgres-search-engine.js';
import type { SearchResponse, SearchSort } from '../src/engine/search-engine.js';
import { roundLikeNumeric9 } from '../src/engine/text-index.js';
import { parseTsQuery, parseTsVector } from '../src/engine/ts-text.js';
import { BRANDS, CATEGORIES, type Doc, loadCatalog } from './documents.js';

describe('tsvector and tsquery text', () => {
  it('reads a vector with weights, escaped quotes and backslashes, and lexemes without positions', () => {
    expect(parseTsVector(`'cafe':1A,4 'it''s':2B 'back\\\\slash':3C 'nopos' 'x':16383`)).toEqual({
      lexemes: ['cafe', "it's", 'back\\slash', 'nopos', 'x'],
      counts: [2, 1, 1, 0, 1],
      positions: [(3 << 14) | 1, 4, (2 << 14) | 2, (1 << 14) | 3, 16383],
    });
    expect(parseTsVector('')).toEqual({ lexemes: [], counts: [], positions: [] });
    for (const bad of [`cafe:1`, `'cafe':`, `'cafe':1X`, `'open`, `'a':99999`]) {
      expect(() => parseTsVector(bad), bad).toThrow();
    }
  });

  it('reads queries of terms, AND and OR, and leaves everything else to Postgres', () => {
    expect(parseTsQuery(`'red' & ( 'shirt' | 'shirt':* )`)).toEqual({
      kind: 'and',
      left: { kind: 'term', lexeme: 'red', prefix: false },
      right: {
        kind: 'or',
        left: { kind: 'term', lexeme: 'shirt', prefix: false },
        right: { kind: 'term', lexeme: 'shirt', prefix: true },
      },
    });
    // & binds tighter than |.
    expect(parseTsQuery(`'a' & 'b' | 'c'`)).toMatchObject({ kind: 'or', left: { kind: 'and' } });
    expect(parseTsQuery(`'it''s':*`)).toEqual({ kind: 'term', lexeme: "it's", prefix: true });
    for (const unsupported of [`'x' & 'y' | 'x':* <-> 'y':*`, `'a' <2> 'b'`, `!'a'`, `'a':AB`, `'a':*B`, '']) {
      expect(parseTsQuery(unsupported), unsupported).toBeNull();
    }
    const many = Array.from({ length: 32 }, (_, i) => `'w${i}'`).join(' & ');
    expect(parseTsQuery(many)).toBeNull();
    for (const bad of [`'a' &`, `( 'a'`, `'a' 'b'`, `a`]) expect(() => parseTsQuery(bad), bad).toThrow();
  });
});

// ------------------------------------------------------------------ against Postgres

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let sync: DocValuesSync;
let memory: SearchService;
let sql: SearchService;

/** A seeded generator: the same catalog on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'shirt shirts shirtdress cotton wool merino wireless speaker speakers red blue classic premium lamp light ' +
  'lighting table desk coffee maker running runner soft warm organic linen Café Crème zephyr nordic steel travel ' +
  'mug kettle the and for with a T-Shirt x²y 2024 usb3'
).split(' ');

function generatedCatalog(): Doc[] {
  const next = random(20261126);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
  const words = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => pick(VOCABULARY));
  const leaves = CATEGORIES.filter((c) => !CATEGORIES.some((other) => other.parent === c.slug));
  return Array.from({ length: 400 }, (_, n) => {
    // Some long descriptions repeat words many times (several covers, wide gaps).
    const description = words(0, next() < 0.2 ? 300 : 30).join(n % 3 === 0 ? ' ' : '. ');
    return {
      id: `d0000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}`,
      title: words(1, 5).join(' '),
      description,
      brand: next() < 0.2 ? null : pick(BRANDS).slug,
      category: pick(leaves).slug,
      currency: 'USD',
      prices: [500 + Math.floor(next() * 40_000)],
      inStock: next() < 0.8,
      rating: next() < 0.3 ? null : Math.round(next() * 500) / 100,
      reviewCount: Math.floor(next() * 40),
      popularity: pick([0, 1, 2, 7, 100, 5_000, 22_025, 22_026, 1_000_000, Math.floor(next() * 50_000)]),
      attributes: [{ name: 'Color', value: pick(['Red', 'Blue', 'Green']) }],
      createdAt: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString(),
      deleted: n % 97 === 5,
    };
  });
}

/** Every hit of a search (id and cursor: the cursor holds the relevance score as text), paging through. */
async function everything(
  service: SearchService,
  input: { query: string; filter?: FilterInput; sort?: SearchSort },
): Promise<{ hits: string[]; total: number; first: SearchResponse }> {
  const hits: string[] = [];
  let after: string | null = null;
  let first: SearchResponse | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page: SearchResponse = await service.search({ ...input, first: 100, after });
    first ??= page;
    hits.push(...page.hits.map((h) => `${h.productId} ${Buffer.from(h.cursor, 'base64url').toString('utf8')}`));
    if (!page.hasNextPage) break;
    after = page.hits.at(-1)?.cursor ?? null;
  }
  const head = first as SearchResponse;
  return { hits, total: head.totalCount, first: head };
}

describe('the text index against Postgres', () => {
  beforeAll(async () => {
    await loadCatalog(prisma, generatedCatalog());
    sync = new DocValuesSync({ prisma, databaseUrl: process.env.DATABASE_URL as string, logger: silentLogger() });
    await sync.start();
    memory = new SearchService(new PostgresSearchEngine(prisma, { docValues: sync }));
    sql = new SearchService(new PostgresSearchEngine(prisma));
  });

  afterAll(async () => {
    await sync.stop();
    await prisma.$disconnect();
  });

  it('reads every vector as Postgres stores it', async () => {
    const rows = await prisma.$queryRaw<Array<{ vector: string; lexemes: string[]; positions: string }>>`
      SELECT d.search_vector::text AS vector, array_agg(u.lexeme ORDER BY u.ord) AS lexemes,
        coalesce(string_agg(array_to_string(u.positions, ',') || ';' || array_to_string(u.weights, ','), '|'
          ORDER BY u.ord), '') AS positions
      FROM search_documents d
      CROSS JOIN LATERAL unnest(d.search_vector) WITH ORDINALITY AS u(lexeme, positions, weights, ord)
      GROUP BY d.product_id, d.search_vector`;
    expect(rows.length).toBeGreaterThan(390);
    const weightLetter = ['D', 'C', 'B', 'A'];
    for (const row of rows) {
      const parsed = parseTsVector(row.vector);
      expect(parsed.lexemes).toEqual(row.lexemes);
      let k = 0;
      const ours = parsed.counts.map((count) => {
        const these = parsed.positions.slice(k, k + count);
        k += count;
        return `${these.map((p) => p & 0x3fff).join(',')};${these.map((p) => weightLetter[p >>> 14]).join(',')}`;
      });
      expect(ours.join('|')).toBe(row.positions);
    }
  });

  it('finds and ranks exactly what the SQL engine finds, with the same scores, for every kind of query', async () => {
    const next = random(7);
    const plain = VOCABULARY.map((w) => w.toLowerCase());
    const queries = new Set<string>([
      ...plain,
      // Prefixes while typing, down to one letter.
      ...plain.flatMap((w) => [w.slice(0, 1), w.slice(0, 3), w.slice(0, 5)]),
      'the',
      'the a and',
      'shirt shirt',
      'red shirt',
      'SHIRT Cafe',
      'creme brulee',
      'wireless spea',
      'zephyr',
      'nordhaus',
      'headphones',
      'kitchen',
    ]);
    for (let i = 0; i < 60; i++) {
      const n = 2 + Math.floor(next() * 3);
      queries.add(Array.from({ length: n }, () => plain[Math.floor(next() * plain.length)]).join(' '));
    }
    let compared = 0;
    let ranked = 0;
    for (const query of queries) {
      const [ours, theirs] = [await everything(memory, { query }), await everything(sql, { query })];
      expect(ours.hits, query).toEqual(theirs.hits);
      expect(ours.total, query).toBe(theirs.total);
      expect(ours.first.correctedQuery, query).toBe(theirs.first.correctedQuery);
      compared++;
      ranked += ours.hits.length;
    }
    // The comparison is not vacuous: many queries, thousands of ranked hits.
    expect(compared).toBeGreaterThan(100);
    expect(ranked).toBeGreaterThan(5_000);
  });

  it('agrees with the SQL engine on filters, facets and the other sorts of a text query', async () => {
    const inputs: Array<{ query: string; filter?: FilterInput; sort?: SearchSort }> = [
      { query: 'shirt', filter: { brandSlugs: ['acme', 'sonora'], inStock: true } },
      { query: 'wool co', filter: { categorySlugs: ['apparel'], price: { min: '10', max: '250' } } },
      { query: 'lamp', filter: { attributes: [{ name: 'color', values: ['red'] }], minRating: 3 }, sort: 'PRICE_ASC' },
      { query: 'red', sort: 'NEWEST' },
      { query: 'speaker', sort: 'RATING' },
      { query: 'classic premium', sort: 'PRICE_DESC', filter: { inStock: false } },
    ];
    for (const input of inputs) {
      const [ours, theirs] = [await everything(memory, input), await everything(sql, input)];
      expect(ours.hits, input.query).toEqual(theirs.hits);
      expect(ours.total).toBeGreaterThan(0);
      expect(ours.first.facets, input.query).toEqual(theirs.first.facets);
    }
  });

  it('answers a text query from memory alone once its tsquery is known, and leaves phrase queries to SQL', async () => {
    const statements: string[] = [];
    const counted = createPrismaClient(process.env.DATABASE_URL as string, { onQuery: (s) => statements.push(s) });
    const service = new SearchService(new PostgresSearchEngine(counted, { docValues: sync }));
    const count = async (query: string) => {
      statements.length = 0;
      const result = await service.search({ query, first: 10 });
      return { result, statements: [...statements] };
    };
    try {
      const first = await count('merino lamp');
      expect(first.statements).toHaveLength(1); // the tsquery, built by Postgres
      expect(first.statements[0]).not.toMatch(/search_documents/);
      const again = await count('merino lamp');
      expect(again.statements).toHaveLength(0);
      expect(again.result.hits).toEqual(first.result.hits);
      expect(again.result.totalCount).toBeGreaterThan(0);
      // "x²y" becomes a phrase query (x followed by y): its matches come from SQL, still the same answer.
      const phrase = await count('x²y');
      expect(phrase.statements.some((s) => /search_documents/.test(s))).toBe(true);
      expect((await everything(memory, { query: 'x²y' })).hits).toEqual((await everything(sql, { query: 'x²y' })).hits);
      expect(phrase.result.totalCount).toBeGreaterThan(0);
    } finally {
      await counted.$disconnect();
    }
  });

  it('leaves text matching to Postgres when the text index is turned off, with the same answers', async () => {
    const statements: string[] = [];
    const counted = createPrismaClient(process.env.DATABASE_URL as string, { onQuery: (s) => statements.push(s) });
    const withoutText = new DocValuesSync({
      prisma: counted,
      databaseUrl: process.env.DATABASE_URL as string,
      logger: silentLogger(),
      textIndex: false,
    });
    try {
      await withoutText.start();
      expect(withoutText.current?.hasTextIndex).toBe(false);
      expect(statements.join('\n')).not.toMatch(/search_vector/); // the vectors are not loaded
      const service = new SearchService(new PostgresSearchEngine(counted, { docValues: withoutText }));
      for (const query of ['red shirt', 'wool', 'l']) {
        statements.length = 0;
        const ours = await everything(service, { query });
        expect(statements.some((s) => /search_vector @@/.test(s))).toBe(true);
        expect(ours.hits).toEqual((await everything(memory, { query })).hits);
      }
    } finally {
      await withoutText.stop();
      await counted.$disconnect();
    }
  });

  it('rounds scores to 9 decimals exactly as numeric does, halves included', async () => {
    const next = random(11);
    const values: number[] = [0, 1, 0.05, Math.fround(0.1), 22.000000001, 1e-10, 4.9999999995];
    for (let i = 0; i < 400; i++) {
      const scale = [1e-3, 1, 3, 40][i % 4] as number;
      const k = Math.floor(next() * 1e9 * scale);
      // Halfway between two 9-decimal numbers, and one step either side.
      const half = (k + 0.5) / 1e9;
      values.push(half, half + Number.EPSILON * half, half - Number.EPSILON * half, next() * scale);
    }
    const rows = await prisma.$queryRaw<Array<{ i: number; text: string }>>`
      SELECT i::int AS i, round(x::numeric, 9)::text AS text
      FROM unnest(${values.map(String)}::float8[]) WITH ORDINALITY AS v(x, i)`;
    expect(rows).toHaveLength(values.length);
    for (const row of rows) {
      const x = values[row.i - 1] as number;
      expect(roundLikeNumeric9(x).toFixed(9), String(x)).toBe(row.text);
    }
  });
});
