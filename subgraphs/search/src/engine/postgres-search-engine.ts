import { isUuid } from '@storegraph/graphql-kit';
import type { PrismaClient } from '../data/prisma-client.js';
import { Prisma } from '../generated/prisma/client.js';
import { type DocValues, isDocValuesSort } from './doc-values.js';
import {
  normalizeText,
  PRICE_BUCKETS,
  priceBucketLabel,
  priceBucketValue,
  queryWords,
  RATING_THRESHOLDS,
} from './query-text.js';
import {
  type FacetResult,
  type FacetValueResult,
  type SearchEngine,
  SearchInputError,
  type SearchRequest,
  type SearchResponse,
  type SearchSort,
  type SuggestionHit,
} from './search-engine.js';
import {
  type FacetRow,
  type Filters,
  normalizeFilter,
  THREE_DIGIT_CURRENCIES,
  ZERO_DIGIT_CURRENCIES,
} from './search-filters.js';
import { parseTsQuery, type TsQueryNode } from './ts-text.js';

type Sql = Prisma.Sql;
const sql = Prisma.sql;
const join = Prisma.join;
const empty = Prisma.empty;

/** A text search finding fewer products than this tries a typo correction. */
export const TYPO_RETRY_BELOW = 3;
/** Minimum trigram similarity between a word and the term it is corrected to. */
export const TYPO_MIN_SIMILARITY = 0.3;
/** Words shorter than this are never corrected (too few trigrams to judge). */
const TYPO_MIN_WORD_LENGTH = 3;
const MAX_ATTRIBUTE_VALUES = 20;
/** Queries' words whose tsquery is kept (they depend on the words and the text search configuration only). */
const QUERY_CACHE_ENTRIES = 10_000;

// ------------------------------------------------------------------ SQL pieces (alias d = search_documents)

/** Prices in minor units times this are thousandths of a major unit. */
const inList = (codes: string[]) => {
  if (!codes.every((c) => /^[A-Z]{3}$/.test(c))) throw new Error('currency codes must be three capital letters');
  return Prisma.raw(codes.map((c) => `'${c}'`).join(', '));
};
// Constants of this module (three capital letters each), not input: listed inline for the planner.
const PRICE_SCALE = sql`(CASE WHEN d.currency_code IN (${inList(ZERO_DIGIT_CURRENCIES)}) THEN 1000
  WHEN d.currency_code IN (${inList(THREE_DIGIT_CURRENCIES)}) THEN 1 ELSE 10 END)`;

/**
 * The tsquery of the words: every word must match (stemmed, english), and the
 * last one may also be a prefix of a word, as the user is still typing it. Each
 * word is a bound parameter; the prefix lexeme is quoted (quotes and
 * backslashes escaped) before to_tsquery reads it, so no input is syntax.
 */
function tsquery(words: string[]): Sql {
  const parts = words.map((word, i) => {
    const full = sql`plainto_tsquery('english', search_fold(${word}))`;
    if (i < words.length - 1) return full;
    const quoted = sql`'''' || replace(replace(search_fold(${word}), '\\', '\\\\'), '''', '''''') || ''':*'`;
    return sql`(${full} || to_tsquery('simple', ${quoted}))`;
  });
  return join(parts, ' && ');
}

interface FilterSql {
  category: Sql;
  brand: Sql;
  price: Sql;
  rating: Sql;
  stock: Sql;
  /** text[] of the attribute names (of the filter) the document does not satisfy. */
  attributesFailed: Sql;
  /** All of the above. */
  all: Sql;
}

function filterSql(f: Filters): FilterSql {
  const category = f.categorySlugs.length ? sql`(d.category_slugs && ${f.categorySlugs}::text[])` : sql`true`;
  const brand = f.brandSlugs.length ? sql`coalesce(d.brand_slug = ANY(${f.brandSlugs}::text[]), false)` : sql`true`;
  const price =
    f.priceMin === null && f.priceMax === null
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM unnest(d.variant_prices) AS vp(p) WHERE vp.p::bigint * ${PRICE_SCALE}
          BETWEEN ${f.priceMin ?? 0}::bigint AND ${f.priceMax ?? Number.MAX_SAFE_INTEGER}::bigint)`;
  const rating = f.minRating === null ? sql`true` : sql`coalesce(d.rating >= ${f.minRating}::numeric, false)`;
  const stock = f.inStock === null ? sql`true` : sql`(d.in_stock = ${f.inStock}::boolean)`;
  const attributesFailed = f.attributeNames.length
    ? sql`ARRAY(SELECT an.n FROM unnest(${f.attributeNames}::text[]) AS an(n) WHERE NOT EXISTS (
          SELECT 1 FROM unnest(d.attribute_pairs) AS ap(pair)
          WHERE ap.pair = ANY(${f.attributePairs}::text[]) AND left(ap.pair, length(an.n) + 1) = an.n || '='))`
    : sql`ARRAY[]::text[]`;
  const attributesAll = f.attributeNames.length
    ? join(
        f.attributeNames.map(
          (name) => sql`(d.attribute_pairs && ${f.attributePairs.filter((p) => p.startsWith(`${name}=`))}::text[])`,
        ),
        ' AND ',
      )
    : sql`true`;
  return {
    category,
    brand,
    price,
    rating,
    stock,
    attributesFailed,
    all: sql`${category} AND ${brand} AND ${price} AND ${rating} AND ${stock} AND ${attributesAll}`,
  };
}

// ------------------------------------------------------------------ sorting and cursors

type KeyType = 'int' | 'numeric' | 'timestamptz';

interface SortKey {
  expr: Sql;
  type: KeyType;
}

interface SortPlan {
  /** Written into cursors: a cursor of another plan is rejected. */
  tag: string;
  keys: SortKey[];
  descending: boolean;
}

/**
 * Relevance = ts_rank_cd(vector, query) [weights D 0.1, C 0.2, B 0.4, A 1.0]
 *   * (1 + 0.1 * coalesce(rating, 3) / 5) + 0.005 * least(ln(1 + popularity), 10),
 * rounded to 9 decimals so the cursor holds it exactly.
 */
const relevance = (query: Sql) => sql`round((ts_rank_cd(d.search_vector, ${query})::float8
    * (1 + 0.1 * coalesce(d.rating, 3)::float8 / 5)
    + 0.005 * least(ln(1 + greatest(d.popularity, 0)::float8), 10))::numeric, 9)`;
const RATING_OR_NONE = sql`coalesce(d.rating, -1)`;

function sortPlan(sort: SearchSort, query: Sql | null): SortPlan {
  switch (sort) {
    case 'RELEVANCE':
      return query
        ? { tag: 'relevance-text', keys: [{ expr: relevance(query), type: 'numeric' }], descending: true }
        : {
            tag: 'relevance',
            keys: [
              { expr: sql`d.popularity`, type: 'int' },
              { expr: RATING_OR_NONE, type: 'numeric' },
              { expr: sql`d.created_at`, type: 'timestamptz' },
            ],
            descending: true,
          };
    case 'PRICE_ASC':
      return { tag: 'price-asc', keys: [{ expr: sql`d.price_min_minor`, type: 'int' }], descending: false };
    case 'PRICE_DESC':
      return { tag: 'price-desc', keys: [{ expr: sql`d.price_min_minor`, type: 'int' }], descending: true };
    case 'NEWEST':
      return { tag: 'newest', keys: [{ expr: sql`d.created_at`, type: 'timestamptz' }], descending: true };
    case 'RATING':
      return {
        tag: 'rating',
        keys: [
          { expr: RATING_OR_NONE, type: 'numeric' },
          { expr: sql`d.review_count`, type: 'int' },
        ],
        descending: true,
      };
  }
}

function validKeyValue(type: KeyType, value: unknown): value is string {
  if (typeof value !== 'string') return false;
  switch (type) {
    case 'int':
      return /^-?\d{1,10}$/.test(value) && Math.abs(Number(value)) <= 2_147_483_647;
    case 'numeric':
      return /^-?\d{1,15}(\.\d{1,12})?$/.test(value);
    case 'timestamptz': {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
      const date = new Date(value);
      return !Number.isNaN(date.getTime()) && date.toISOString() === value;
    }
  }
}

/** Cursor = base64url JSON [tag, ...sort key values as text, product id]. */
function encodeCursor(plan: SortPlan, values: string[], productId: string): string {
  return Buffer.from(JSON.stringify([plan.tag, ...values, productId]), 'utf8').toString('base64url');
}

function decodeCursor(plan: SortPlan, cursor: string): { values: string[]; productId: string } {
  const invalid = new SearchInputError('after is not a valid cursor.', ['after']);
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') throw invalid;
  if (parsed[0] !== plan.tag) {
    throw new SearchInputError('after is a cursor of another sort order; start again without it.', ['after']);
  }
  const values = parsed.slice(1, -1);
  const productId = parsed.at(-1);
  if (
    parsed.length !== plan.keys.length + 2 ||
    typeof productId !== 'string' ||
    !isUuid(productId) ||
    !plan.keys.every((key, i) => validKeyValue(key.type, values[i]))
  ) {
    throw invalid;
  }
  return { values: values as string[], productId };
}

const castTo = (type: KeyType, value: string): Sql =>
  type === 'int' ? sql`${value}::int` : type === 'numeric' ? sql`${value}::numeric` : sql`${value}::timestamptz`;

/** The key as text for the cursor; timestamps as ISO 8601 UTC with milliseconds. */
const keyText = (type: KeyType, column: Sql): Sql =>
  type === 'timestamptz'
    ? sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`${column}::text`;

// ------------------------------------------------------------------ the engine

interface PageRow {
  total: number;
  product_id: string | null;
  c1: string | null;
  c2: string | null;
  c3: string | null;
}

interface Page {
  total: number;
  rows: PageRow[];
}

export interface PostgresSearchEngineOptions {
  /**
   * In-memory doc values kept in step with search_documents (DocValuesSync).
   * While current, a browse is answered from memory alone and a text query's
   * facets are counted from its matches' ids; otherwise everything is SQL.
   */
  docValues?: { readonly current: DocValues | null };
}

/**
 * The search engine over Postgres full text search (search_documents), with
 * pg_trgm for typo correction. Without doc values a search costs two
 * statements (hits with the exact total; all facets); with them a browse costs
 * none and a text query two (hits with the total; the ids of its matches);
 * at most three more when a text query finds almost nothing and a typo
 * correction is tried. See README.md.
 */
export class PostgresSearchEngine implements SearchEngine {
  /** The tsquery of a query's words as the text index reads it (null: left to Postgres), oldest first. */
  private readonly textQueries = new Map<string, TsQueryNode | null>();

  constructor(
    protected readonly prisma: PrismaClient,
    private readonly options: PostgresSearchEngineOptions = {},
  ) {}

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const words = queryWords(request.query);
    const filters = normalizeFilter(request.filter);
    const plan = (w: string[]) => sortPlan(request.sort, w.length > 0 ? tsquery(w) : null);
    const after = request.after === null ? null : decodeCursor(plan(words), request.after);
    const docs = this.options.docValues?.current ?? null;

    let result = await this.evaluate(docs, words, filters, plan(words), after, request.first);
    let correctedQuery: string | null = null;
    if (words.length > 0 && result.page.total < TYPO_RETRY_BELOW) {
      const corrected = await this.correct(words);
      if (corrected) {
        const retried = await this.evaluate(docs, corrected, filters, plan(corrected), after, request.first);
        if (retried.page.total > result.page.total) {
          result = retried;
          correctedQuery = corrected.join(' ');
        }
      }
    }
    const { page, facets } = result;

    const tagPlan = plan(words);
    const rows = page.rows.filter((r): r is PageRow & { product_id: string } => r.product_id !== null);
    const hits = rows.slice(0, request.first).map((row) => {
      const values = [row.c1, row.c2, row.c3].slice(0, tagPlan.keys.length).map((v) => v ?? '');
      return { productId: row.product_id, cursor: encodeCursor(tagPlan, values, row.product_id) };
    });
    return {
      hits,
      hasNextPage: rows.length > request.first,
      totalCount: page.total,
      facets: buildFacets(facets, filters),
      correctedQuery,
    };
  }

  /**
   * The page and the facets. With doc values: a browse from memory alone; a
   * text query matched and ranked by their text index (its tsquery built by
   * Postgres once, see textQuery), or, for a tsquery the index leaves to
   * Postgres, from one statement returning every match's id (and relevance
   * score, when sorting by it) as one string; then filtered, counted, paged and
   * faceted in memory. Without: the page and the facets by SQL, concurrently.
   */
  private async evaluate(
    docs: DocValues | null,
    words: string[],
    filters: Filters,
    plan: SortPlan,
    after: { values: string[]; productId: string } | null,
    first: number,
  ): Promise<{ page: Page; facets: FacetRow[] }> {
    if (!docs || !isDocValuesSort(plan.tag)) {
      const [page, facets] = await Promise.all([
        this.page(words, filters, plan, after, first),
        this.facets(words, filters),
      ]);
      return { page, facets };
    }
    let text: TsQueryNode | undefined;
    let matches: { ids: string[]; scores: string[] | null } | undefined;
    if (words.length > 0 && docs.hasTextIndex) text = (await this.textQuery(words)) ?? undefined;
    if (words.length > 0 && !text) {
      const query = tsquery(words);
      const scored = plan.tag === 'relevance-text';
      const item = scored ? sql`d.product_id::text || ' ' || ${relevance(query)}::text` : sql`d.product_id::text`;
      // One row of comma-separated ids moves tens of thousands of matches far faster than a row each.
      const [row] = await this.prisma.$queryRaw<Array<{ hits: string }>>`
        SELECT coalesce(string_agg(${item}, ','), '') AS hits
        FROM search_documents d WHERE NOT d.deleted AND d.search_vector @@ (${query})`;
      const items = row?.hits ? row.hits.split(',') : [];
      matches = scored
        ? {
            ids: items.map((h) => h.slice(0, h.indexOf(' '))),
            scores: items.map((h) => h.slice(h.indexOf(' ') + 1)),
          }
        : { ids: items, scores: null };
    }
    const result = docs.evaluate(filters, {
      text,
      matches,
      page: { sort: plan.tag, after: after?.values ?? null, afterId: after?.productId ?? null, first },
      facets: true,
    });
    const rows = result.page.hits.map((hit) => ({
      total: result.page.total,
      product_id: hit.productId,
      c1: hit.keys[0] ?? null,
      c2: hit.keys[1] ?? null,
      c3: hit.keys[2] ?? null,
    }));
    return { page: { total: result.page.total, rows }, facets: result.facets };
  }

  /**
   * The tsquery Postgres builds from the words (stemmed, stop words dropped), as
   * the text index evaluates it, or null when it is a query the index leaves to
   * Postgres. One statement without any table the first time, then kept.
   */
  private async textQuery(words: string[]): Promise<TsQueryNode | null> {
    const key = words.join(' ');
    const known = this.textQueries.get(key);
    if (known !== undefined) return known;
    const [row] = await this.prisma.$queryRaw<Array<{ query: string }>>`SELECT (${tsquery(words)})::text AS query`;
    const parsed = parseTsQuery(row?.query ?? '');
    if (this.textQueries.size >= QUERY_CACHE_ENTRIES)
      this.textQueries.delete(this.textQueries.keys().next().value as string);
    this.textQueries.set(key, parsed);
    return parsed;
  }

  /** One statement: the exact total of matches and the page after the cursor (one row more than asked). */
  private async page(
    words: string[],
    filters: Filters,
    plan: SortPlan,
    after: { values: string[]; productId: string } | null,
    first: number,
  ): Promise<Page> {
    const f = filterSql(filters);
    const text = words.length > 0 ? sql`AND d.search_vector @@ (${tsquery(words)})` : empty;
    const keyColumns = plan.keys.map((key, i) => sql`${key.expr} AS ${Prisma.raw(`k${i + 1}`)}`);
    const names = plan.keys.map((_, i) => Prisma.raw(`m.k${i + 1}`));
    const direction = Prisma.raw(plan.descending ? 'DESC' : 'ASC');
    const keyset = after
      ? sql`AND (${join([...names, sql`m.product_id`])}) ${Prisma.raw(plan.descending ? '<' : '>')} (${join([
          ...plan.keys.map((key, i) => castTo(key.type, after.values[i] as string)),
          sql`${after.productId}::uuid`,
        ])})`
      : empty;
    const cursorColumns = [0, 1, 2].map((i) => {
      const key = plan.keys[i];
      return key
        ? sql`${keyText(key.type, Prisma.raw(`m.k${i + 1}`))} AS ${Prisma.raw(`c${i + 1}`)}`
        : sql`NULL::text AS ${Prisma.raw(`c${i + 1}`)}`;
    });
    const order = join(
      [...names, sql`m.product_id`].map((n) => sql`${n} ${direction}`),
      ', ',
    );
    const rows = await this.prisma.$queryRaw<PageRow[]>`
      WITH matched AS (
        SELECT d.product_id, ${join(keyColumns)}
        FROM search_documents d
        WHERE NOT d.deleted ${text} AND ${f.all}
      )
      SELECT t.total, p.product_id::text AS product_id, p.c1, p.c2, p.c3
      FROM (SELECT count(*)::int AS total FROM matched) t
      LEFT JOIN LATERAL (
        SELECT row_number() OVER () AS n, s.* FROM (
          SELECT m.product_id, ${join(cursorColumns)}
          FROM matched m WHERE true ${keyset}
          ORDER BY ${order}
          LIMIT ${first + 1}
        ) s
      ) p ON true
      ORDER BY p.n`;
    return { total: rows[0]?.total ?? 0, rows };
  }

  /**
   * One statement for every facet. Each document gets a flag per filter; a
   * facet counts the documents failing no filter but (possibly) its own, so its
   * counts read "if this value were selected instead" (disjunctive facets).
   */
  private async facets(words: string[], filters: Filters): Promise<FacetRow[]> {
    const f = filterSql(filters);
    const text = words.length > 0 ? sql`AND d.search_vector @@ (${tsquery(words)})` : empty;
    const bucketMins = PRICE_BUCKETS.map((b) => b.min * 1000);
    const bucketMaxes = PRICE_BUCKETS.map((b) => (b.max === null ? Number.MAX_SAFE_INTEGER : b.max * 1000));
    return this.prisma.$queryRaw<FacetRow[]>`
      WITH flagged AS (
        SELECT d.product_id, d.category_slugs, d.category_names, d.brand_slug, d.brand_name, d.variant_prices,
          d.rating, d.in_stock, d.attribute_pairs, d.attributes,
          ${PRICE_SCALE} AS scale,
          ${f.category} AS f_category, ${f.brand} AS f_brand, ${f.price} AS f_price, ${f.rating} AS f_rating,
          ${f.stock} AS f_stock, ${f.attributesFailed} AS attributes_failed
        FROM search_documents d
        WHERE NOT d.deleted ${text}
      ),
      s AS (
        SELECT * FROM (
          SELECT flagged.*, (NOT f_category)::int + (NOT f_brand)::int + (NOT f_price)::int + (NOT f_rating)::int
            + (NOT f_stock)::int + cardinality(attributes_failed) AS fails
          FROM flagged
        ) x WHERE fails <= 1
      )
      SELECT 'category' AS kind, 'category' AS facet, NULL AS facet_label, c.slug AS value, min(c.name) AS label,
        count(*)::int AS count
      FROM s CROSS JOIN LATERAL unnest(s.category_slugs, s.category_names) AS c(slug, name)
      WHERE s.fails = (NOT s.f_category)::int
      GROUP BY c.slug
      UNION ALL
      SELECT 'brand', 'brand', NULL, s.brand_slug, min(s.brand_name), count(*)::int
      FROM s WHERE s.brand_slug IS NOT NULL AND s.fails = (NOT s.f_brand)::int
      GROUP BY s.brand_slug
      UNION ALL
      SELECT 'price', 'price', NULL, b.i::text, NULL, count(DISTINCT s.product_id)::int
      FROM s CROSS JOIN LATERAL unnest(s.variant_prices) AS vp(p)
      JOIN unnest(${bucketMins}::bigint[], ${bucketMaxes}::bigint[]) WITH ORDINALITY AS b(lo, hi, i)
        ON vp.p::bigint * s.scale BETWEEN b.lo AND b.hi
      WHERE s.fails = (NOT s.f_price)::int
      GROUP BY b.i
      UNION ALL
      SELECT 'rating', 'rating', NULL, r.v::text, NULL, count(*)::int
      FROM s CROSS JOIN unnest(${[...RATING_THRESHOLDS]}::int[]) AS r(v)
      WHERE s.rating >= r.v AND s.fails = (NOT s.f_rating)::int
      GROUP BY r.v
      UNION ALL
      SELECT 'availability', 'availability', NULL, CASE WHEN s.in_stock THEN 'in_stock' ELSE 'out_of_stock' END, NULL,
        count(*)::int
      FROM s WHERE s.fails = (NOT s.f_stock)::int
      GROUP BY s.in_stock
      UNION ALL
      SELECT 'attribute', split_part(a.pair, '=', 1), a.name, substr(a.pair, strpos(a.pair, '=') + 1), a.value, a.count
      FROM (
        -- Labels in the catalog's casing come from the documents being counted: no lookup per value.
        SELECT lower(x.name) || '=' || lower(x.value) AS pair, min(x.name) AS name, min(x.value) AS value,
          count(*)::int AS count
        FROM s CROSS JOIN LATERAL jsonb_to_recordset(s.attributes) AS x(name text, value text)
        WHERE s.fails = 0 OR (s.fails = 1 AND lower(x.name) = ANY(s.attributes_failed))
        GROUP BY 1
      ) a`;
  }

  /**
   * Typo correction, one statement: each word that is not a known term (nor,
   * for the last word, the prefix of one) becomes the most similar term
   * (trigram similarity >= TYPO_MIN_SIMILARITY, then more documents, then
   * alphabetical). Returns the corrected words, or null when nothing changed.
   */
  private async correct(words: string[]): Promise<string[] | null> {
    const rows = await this.prisma.$queryRaw<Array<{ i: bigint | number; folded: string; best: string | null }>>`
      SELECT w.i, f.folded, CASE WHEN k.known THEN NULL ELSE c.term END AS best
      FROM unnest(${words}::text[]) WITH ORDINALITY AS w(word, i)
      CROSS JOIN LATERAL (SELECT search_fold(w.word) AS folded) f
      CROSS JOIN LATERAL (
        SELECT EXISTS (SELECT 1 FROM search_terms t WHERE t.term = f.folded)
          OR (w.i = ${words.length} AND EXISTS (
            SELECT 1 FROM search_terms t
            WHERE t.term LIKE replace(replace(replace(f.folded, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'))
          OR length(f.folded) < ${TYPO_MIN_WORD_LENGTH} OR f.folded ~ '^[0-9]+$' AS known
      ) k
      LEFT JOIN LATERAL (
        SELECT t.term FROM search_terms t
        WHERE NOT k.known AND t.term % f.folded AND similarity(t.term, f.folded) >= ${TYPO_MIN_SIMILARITY}
        ORDER BY similarity(t.term, f.folded) DESC, t.documents DESC, t.term
        LIMIT 1
      ) c ON true
      ORDER BY w.i`;
    let changed = false;
    const corrected = rows.map((row) => {
      if (row.best !== null && row.best !== row.folded) {
        changed = true;
        return row.best;
      }
      return row.folded;
    });
    return changed ? corrected : null;
  }

  /**
   * Completions, one statement: product titles, brand names and category
   * names whose whole text or one of whose words starts with the prefix
   * (accents and case folded; LIKE wildcards in the prefix match literally).
   * Whole-text matches first, then brands, categories and products (by
   * popularity), then alphabetical.
   */
  async suggest(prefix: string, limit: number): Promise<SuggestionHit[]> {
    const text = normalizeText(prefix);
    if (!text) return [];
    // The folded prefix with LIKE's wildcards escaped; an expression of the parameter only, so the
    // planner can use the title prefix and trigram indexes.
    const pat = sql`replace(replace(replace(search_fold(${text}), '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
    const rows = await this.prisma.$queryRaw<
      Array<{ kind: SuggestionHit['kind']; text: string; product_id: string | null; starts: boolean; weight: number }>
    >`
      (SELECT 'product' AS kind, d.title AS text, d.product_id::text AS product_id,
          search_fold(d.title) LIKE ${pat} || '%' AS starts, d.popularity::int AS weight
        FROM search_documents d
        WHERE NOT d.deleted AND (search_fold(d.title) LIKE ${pat} || '%' OR search_fold(d.title) LIKE '% ' || ${pat} || '%')
        ORDER BY starts DESC, d.popularity DESC, d.title
        LIMIT ${limit})
      UNION ALL
      (SELECT 'brand', min(b.name), NULL, bool_or(search_fold(b.name) LIKE ${pat} || '%'), sum(b.n)::int
        FROM (SELECT brand_name AS name, count(*) AS n FROM search_documents
              WHERE NOT deleted AND brand_name IS NOT NULL GROUP BY brand_name OFFSET 0) b
        WHERE search_fold(b.name) LIKE ${pat} || '%' OR search_fold(b.name) LIKE '% ' || ${pat} || '%'
        GROUP BY search_fold(b.name)
        ORDER BY 4 DESC, 5 DESC, 2
        LIMIT ${limit})
      UNION ALL
      (SELECT 'category', min(c.name), NULL, bool_or(search_fold(c.name) LIKE ${pat} || '%'), sum(c.n)::int
        FROM (SELECT cn.name, count(*) AS n FROM search_documents d CROSS JOIN LATERAL unnest(d.category_names) AS cn(name)
              WHERE NOT d.deleted GROUP BY cn.name OFFSET 0) c
        WHERE search_fold(c.name) LIKE ${pat} || '%' OR search_fold(c.name) LIKE '% ' || ${pat} || '%'
        GROUP BY search_fold(c.name)
        ORDER BY 4 DESC, 5 DESC, 2
        LIMIT ${limit})`;
    const kindOrder = { brand: 0, category: 1, product: 2 } as const;
    rows.sort(
      (a, b) =>
        Number(b.starts) - Number(a.starts) ||
        kindOrder[a.kind] - kindOrder[b.kind] ||
        b.weight - a.weight ||
        a.text.localeCompare(b.text),
    );
    const seen = new Set<string>();
    const out: SuggestionHit[] = [];
    for (const row of rows) {
      const key = `${row.kind === 'product' ? row.product_id : ''}|${row.text.toLowerCase()}`;
      const textKey = row.text.toLowerCase();
      if (seen.has(key) || (row.kind !== 'product' && seen.has(textKey))) continue;
      seen.add(key);
      seen.add(textKey);
      out.push({ text: row.text, kind: row.kind, productId: row.kind === 'product' ? row.product_id : null });
      if (out.length === limit) break;
    }
    return out;
  }
}

// ------------------------------------------------------------------ facets from rows

const byCountThenLabel = (a: FacetValueResult, b: FacetValueResult) =>
  b.count - a.count || a.label.localeCompare(b.label) || a.value.localeCompare(b.value);

function buildFacets(rows: FacetRow[], f: Filters): FacetResult[] {
  const of = (kind: FacetRow['kind']) => rows.filter((r) => r.kind === kind);
  const facets: FacetResult[] = [];
  const push = (name: string, label: string, values: FacetValueResult[]) => {
    if (values.length > 0) facets.push({ name, label, values });
  };
  /** Selected values keep their place even when nothing matches them, so they can be unselected. */
  const withSelected = (values: FacetValueResult[], selected: string[]) => [
    ...values,
    ...selected
      .filter((s) => !values.some((v) => v.value === s))
      .map((s) => ({ value: s, label: s, count: 0, selected: true })),
  ];

  const categories = of('category').map((r) => ({
    value: r.value,
    label: r.label ?? r.value,
    count: r.count,
    selected: f.categorySlugs.includes(r.value),
  }));
  push('category', 'Category', withSelected(categories, f.categorySlugs).sort(byCountThenLabel));

  const brands = of('brand').map((r) => ({
    value: r.value,
    label: r.label ?? r.value,
    count: r.count,
    selected: f.brandSlugs.includes(r.value),
  }));
  push('brand', 'Brand', withSelected(brands, f.brandSlugs).sort(byCountThenLabel));

  const priceCounts = new Map(of('price').map((r) => [Number(r.value), r.count]));
  push(
    'price',
    'Price',
    PRICE_BUCKETS.flatMap((bucket, i) => {
      const count = priceCounts.get(i + 1) ?? 0;
      const selected =
        f.priceMin === bucket.min * 1000 && f.priceMax === (bucket.max === null ? null : bucket.max * 1000);
      return count > 0 || selected
        ? [{ value: priceBucketValue(bucket), label: priceBucketLabel(bucket), count, selected }]
        : [];
    }),
  );

  const ratingCounts = new Map(of('rating').map((r) => [Number(r.value), r.count]));
  push(
    'rating',
    'Rating',
    RATING_THRESHOLDS.flatMap((threshold) => {
      const count = ratingCounts.get(threshold) ?? 0;
      const selected = f.minRating === threshold;
      return count > 0 || selected ? [{ value: String(threshold), label: `${threshold} & up`, count, selected }] : [];
    }),
  );

  const stockCounts = new Map(of('availability').map((r) => [r.value, r.count]));
  push(
    'availability',
    'Availability',
    (['in_stock', 'out_of_stock'] as const).flatMap((value) => {
      const count = stockCounts.get(value) ?? 0;
      const selected = f.inStock === (value === 'in_stock');
      const label = value === 'in_stock' ? 'In stock' : 'Out of stock';
      return count > 0 || selected ? [{ value, label, count, selected }] : [];
    }),
  );

  const attributeNames = [...new Set([...of('attribute').map((r) => r.facet), ...f.attributeNames])].sort();
  for (const name of attributeNames) {
    const attributeRows = of('attribute').filter((r) => r.facet === name);
    const selectedValues = f.attributePairs
      .filter((p) => p.startsWith(`${name}=`))
      .map((p) => p.slice(name.length + 1));
    const values = attributeRows.map((r) => ({
      value: r.value,
      label: r.label ?? r.value,
      count: r.count,
      selected: selectedValues.includes(r.value),
    }));
    const all = withSelected(values, selectedValues).sort(byCountThenLabel);
    // Keep the top values, and every selected one.
    const shown = all.filter((v, i) => i < MAX_ATTRIBUTE_VALUES || v.selected);
    push(name, attributeRows[0]?.facet_label ?? name, shown);
  }
  return facets;
}
