import { Interner } from './interner.js';
import { PRICE_BUCKETS, RATING_THRESHOLDS } from './query-text.js';
import { type FacetRow, type Filters, minorToMilliScale } from './search-filters.js';
import { grow, Postings, wordsFor } from './slot-sets.js';
import { relevanceParts, relevanceScore, TextIndex } from './text-index.js';
import type { TsQueryNode } from './ts-text.js';

/**
 * Doc values: the filter, facet and sort fields of every live search document,
 * column by column in typed arrays, so that a browse (no text) is answered from
 * memory and facets of any match set are counted in one pass, without SQL.
 * Postgres stays the source of truth: a DocValuesSync loads these columns from
 * search_documents and applies every change it is notified of (see README.md).
 *
 * Semantics are exactly those of the Postgres engine's SQL (same filters, same
 * disjunctive facet rule, same sort keys and cursor texts), and the engine's
 * tests run against both.
 */

/** One document's fields, as loaded from a search_documents row. */
export interface DocValuesRow {
  productId: string;
  brandSlug: string | null;
  brandName: string | null;
  categorySlugs: string[];
  categoryNames: string[];
  currencyCode: string;
  variantPricesMinor: number[];
  priceMinMinor: number;
  inStock: boolean;
  /** 0..5 with two decimals, or null when unrated. */
  rating: number | null;
  reviewCount: number;
  popularity: number;
  /** Attributes and variant options in the catalog's casing, each pair once. */
  attributes: Array<{ name: string; value: string }>;
  createdAtMs: number;
  /** The document's search_vector as Postgres prints it (for the text index, when the doc values have one). */
  searchVector?: string;
}

/** A sort of the browse plans, by the tag the engine writes into cursors. */
type SortTag = 'relevance' | 'relevance-text' | 'price-asc' | 'price-desc' | 'newest' | 'rating';
const SORT_TAGS = new Set<string>(['relevance', 'relevance-text', 'price-asc', 'price-desc', 'newest', 'rating']);
export const isDocValuesSort = (tag: string): tag is SortTag => SORT_TAGS.has(tag);

export interface DocValuesPage {
  total: number;
  /** Up to first + 1 hits after the cursor, in order: product id and the cursor's key texts. */
  hits: Array<{ productId: string; keys: string[] }>;
}

/** Interns strings to small integers, keeping the newest label of each. */
class Dictionary extends Interner {
  readonly labels: string[] = [];
  /** For attribute pairs: the id of the pair's name in the names dictionary. */
  readonly parent: number[] = [];

  intern(key: string, label: string, parent = -1): number {
    const id = this.id(key);
    if (id === this.labels.length) {
      this.labels.push(label);
      this.parent.push(parent);
    } else {
      this.labels[id] = label;
    }
    return id;
  }
}

/** A multi-valued column of fixed width per document (grown when a document needs more). */
class MultiColumn<A extends Int32Array | Float64Array> {
  width = 1;
  constructor(
    public data: A,
    private readonly make: (length: number) => A,
  ) {}

  ensure(capacity: number, width: number) {
    if (width <= this.width && capacity * this.width <= this.data.length) return;
    const newWidth = Math.max(width, this.width);
    const next = this.make(capacity * newWidth);
    const docs = Math.min(capacity, this.data.length / this.width);
    for (let d = 0; d < docs; d++) {
      for (let j = 0; j < this.width; j++) next[d * newWidth + j] = this.data[d * this.width + j] as number;
    }
    this.data = next;
    this.width = newWidth;
  }
}

const NONE = -1;

/** Filter codes, as evaluate() reports the one filter a document fails. */
const FAIL_CATEGORY = 1;
const FAIL_BRAND = 2;
const FAIL_PRICE = 3;
const FAIL_RATING = 4;
const FAIL_STOCK = 5;
const FAIL_ATTRIBUTE = 10; // + the attribute filter's index
const MORE_THAN_ONE = -1;

export class DocValues {
  private capacity = 0;
  /** Slots 0..count-1 are in use; a removed document's slot goes to `free`. */
  private count = 0;
  private readonly free: number[] = [];
  /** Relevance scores of the current text query's matches, by slot (see candidatesOf). */
  private scratchScore = new Float64Array(0);
  /** Every live document's search vector, for matching and ranking text queries in memory (unless turned off). */
  private readonly text: TextIndex | null;

  constructor(options: { textIndex?: boolean } = {}) {
    this.text = options.textIndex === false ? null : new TextIndex();
  }

  /** Whether text queries can be matched here (else their matches come from SQL). */
  get hasTextIndex(): boolean {
    return this.text !== null;
  }
  private readonly slotOf = new Map<string, number>();
  private productIds: Array<string | null> = [];
  private alive = new Uint8Array(0);
  private brand = new Int32Array(0);
  private inStock = new Uint8Array(0);
  /** Bit i set: some variant's price is in PRICE_BUCKETS[i] (both ends inclusive, like the SQL). */
  private priceBuckets = new Uint16Array(0);
  private rating = new Float64Array(0);
  private ratingOrNone = new Float64Array(0);
  private reviewCount = new Float64Array(0);
  private popularity = new Float64Array(0);
  /** The constant parts of a text query's relevance (of rating and popularity), per document. */
  private relevanceFactor = new Float64Array(0);
  private relevanceBoost = new Float64Array(0);
  private createdAt = new Float64Array(0);
  private priceMin = new Float64Array(0);
  /** The lowest and highest variant price in thousandths (NaN without variants). */
  private priceLow = new Float64Array(0);
  private priceHigh = new Float64Array(0);
  private readonly categories = new MultiColumn(new Int32Array(0), (n) => new Int32Array(n).fill(NONE));
  /** Variant prices in thousandths of a major unit (NaN pads). */
  private readonly prices = new MultiColumn(new Float64Array(0), (n) => new Float64Array(n).fill(Number.NaN));
  private readonly pairs = new MultiColumn(new Int32Array(0), (n) => new Int32Array(n).fill(NONE));
  /** Slots by category on their path, brand and attribute pair; the live and the in-stock slots (value 0). */
  private readonly categorySets = new Postings();
  private readonly brandSets = new Postings();
  private readonly pairSets = new Postings();
  private readonly aliveSet = new Postings();
  private readonly inStockSet = new Postings();

  /**
   * Facet counts over every live document, kept as documents come and go, so an
   * unfiltered browse reads them instead of counting a million documents.
   */
  private readonly totals = {
    category: [] as number[],
    brand: [] as number[],
    pair: [] as number[],
    bucket: PRICE_BUCKETS.map(() => 0),
    rating: RATING_THRESHOLDS.map(() => 0),
    stock: [0, 0],
  };

  private readonly brandDict = new Dictionary();
  private readonly categoryDict = new Dictionary();
  private readonly attributeNameDict = new Dictionary();
  private readonly pairDict = new Dictionary();

  /** Live documents. */
  get size(): number {
    return this.slotOf.size;
  }

  has(productId: string): boolean {
    return this.slotOf.has(productId);
  }

  private reserve(needed: number) {
    if (needed <= this.capacity) return;
    const capacity = Math.max(1024, needed, this.capacity * 2);
    this.alive = grow(this.alive, capacity, (n) => new Uint8Array(n));
    this.brand = grow(this.brand, capacity, (n) => new Int32Array(n));
    this.inStock = grow(this.inStock, capacity, (n) => new Uint8Array(n));
    this.priceBuckets = grow(this.priceBuckets, capacity, (n) => new Uint16Array(n));
    for (const name of [
      'rating',
      'ratingOrNone',
      'reviewCount',
      'popularity',
      'relevanceFactor',
      'relevanceBoost',
      'createdAt',
      'priceMin',
      'priceLow',
      'priceHigh',
    ] as const) {
      this[name] = grow(this[name], capacity, (n) => new Float64Array(n));
    }
    this.categories.ensure(capacity, this.categories.width);
    this.prices.ensure(capacity, this.prices.width);
    this.pairs.ensure(capacity, this.pairs.width);
    for (const sets of [this.categorySets, this.brandSets, this.pairSets, this.aliveSet, this.inStockSet]) {
      sets.resize(wordsFor(capacity));
    }
    this.text?.reserve(capacity, wordsFor(capacity));
    this.capacity = capacity;
  }

  /** Adds or replaces a live document. */
  upsert(row: DocValuesRow): void {
    let slot = this.slotOf.get(row.productId);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.count++;
      this.reserve(slot + 1);
      this.slotOf.set(row.productId, slot);
      this.productIds[slot] = row.productId;
    } else {
      this.contribute(slot, -1);
    }
    this.alive[slot] = 1;
    this.aliveSet.set(0, slot, true);
    this.brand[slot] =
      row.brandSlug === null ? NONE : this.brandDict.intern(row.brandSlug, row.brandName ?? row.brandSlug);
    this.inStock[slot] = row.inStock ? 1 : 0;
    this.rating[slot] = row.rating ?? Number.NaN;
    this.ratingOrNone[slot] = row.rating ?? -1;
    this.reviewCount[slot] = row.reviewCount;
    this.popularity[slot] = row.popularity;
    const { factor, boost } = relevanceParts(row.rating ?? Number.NaN, row.popularity);
    this.relevanceFactor[slot] = factor;
    this.relevanceBoost[slot] = boost;
    this.createdAt[slot] = row.createdAtMs;
    this.priceMin[slot] = row.priceMinMinor;

    const categoryIds = row.categorySlugs.map((slug, i) =>
      this.categoryDict.intern(slug, row.categoryNames[i] ?? slug),
    );
    this.setMany(this.categories, slot, categoryIds, NONE);

    const scale = minorToMilliScale(row.currencyCode);
    const milli = row.variantPricesMinor.map((p) => p * scale);
    this.setMany(this.prices, slot, milli, Number.NaN);
    this.priceLow[slot] = milli.length ? Math.min(...milli) : Number.NaN;
    this.priceHigh[slot] = milli.length ? Math.max(...milli) : Number.NaN;
    let buckets = 0;
    PRICE_BUCKETS.forEach((bucket, i) => {
      const lo = bucket.min * 1000;
      const hi = bucket.max === null ? Number.POSITIVE_INFINITY : bucket.max * 1000;
      if (milli.some((p) => p >= lo && p <= hi)) buckets |= 1 << i;
    });
    this.priceBuckets[slot] = buckets;

    const pairIds = new Set<number>();
    for (const a of row.attributes) {
      const name = a.name.toLowerCase();
      const nameId = this.attributeNameDict.intern(name, a.name);
      pairIds.add(this.pairDict.intern(`${name}=${a.value.toLowerCase()}`, a.value, nameId));
    }
    this.setMany(this.pairs, slot, [...pairIds], NONE);
    this.contribute(slot, 1);
    this.text?.set(slot, row.searchVector ?? '');
  }

  /** Adds (1) or takes back (-1) a live document's share of the totals. */
  private contribute(slot: number, sign: 1 | -1) {
    const t = this.totals;
    const add = (counts: number[], i: number) => {
      counts[i] = (counts[i] ?? 0) + sign;
    };
    const each = (column: MultiColumn<Int32Array>, counts: number[], sets: Postings) => {
      for (let j = 0; j < column.width; j++) {
        const v = column.data[slot * column.width + j] as number;
        if (v === NONE) break;
        add(counts, v);
        sets.set(v, slot, sign === 1);
      }
    };
    each(this.categories, t.category, this.categorySets);
    each(this.pairs, t.pair, this.pairSets);
    const b = this.brand[slot] as number;
    if (b !== NONE) {
      add(t.brand, b);
      this.brandSets.set(b, slot, sign === 1);
    }
    if (this.inStock[slot] === 1) this.inStockSet.set(0, slot, sign === 1);
    const bits = this.priceBuckets[slot] as number;
    PRICE_BUCKETS.forEach((_, i) => {
      if (bits & (1 << i)) add(t.bucket, i);
    });
    const r = this.rating[slot] as number;
    RATING_THRESHOLDS.forEach((threshold, i) => {
      if (r >= threshold) add(t.rating, i);
    });
    add(t.stock, this.inStock[slot] as number);
  }

  private setMany<A extends Int32Array | Float64Array>(
    column: MultiColumn<A>,
    slot: number,
    values: number[],
    pad: number,
  ) {
    if (values.length > column.width) column.ensure(this.capacity, values.length);
    const base = slot * column.width;
    for (let j = 0; j < column.width; j++) column.data[base + j] = j < values.length ? (values[j] as number) : pad;
  }

  /** Forgets a document (deleted, or gone from the index). */
  remove(productId: string): void {
    const slot = this.slotOf.get(productId);
    if (slot === undefined) return;
    this.contribute(slot, -1);
    this.slotOf.delete(productId);
    this.productIds[slot] = null;
    this.alive[slot] = 0;
    this.aliveSet.set(0, slot, false);
    this.text?.clear(slot);
    this.free.push(slot);
  }

  /**
   * A text query's matches as slots (products unknown here skipped), with each
   * one's relevance score in the scratch columns the 'relevance-text' sort reads.
   * Scratch is safe to share: evaluate() runs start to end without yielding.
   */
  private candidatesOf(matches: { ids: string[]; scores: string[] | null }): Int32Array {
    const out = new Int32Array(matches.ids.length);
    let n = 0;
    if (matches.scores) this.reserveScores();
    for (let k = 0; k < matches.ids.length; k++) {
      const slot = this.slotOf.get(matches.ids[k] as string);
      if (slot === undefined) continue;
      out[n++] = slot;
      if (matches.scores) {
        const text = matches.scores[k] as string;
        this.scratchScore[slot] = Number(text);
      }
    }
    return out.subarray(0, n);
  }

  private reserveScores() {
    if (this.scratchScore.length < this.capacity) this.scratchScore = new Float64Array(this.capacity);
  }

  /** The text index's lexemes and pool bytes (for the benchmarks' memory notes). */
  get textStats(): { lexemes: number; poolBytes: number } | null {
    return this.text && { lexemes: this.text.lexemeCount, poolBytes: this.text.poolBytes };
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * Compiles the filters against the dictionaries: a value unknown to the index
   * matches nothing, as in SQL.
   */
  private compile(f: Filters) {
    const idsOf = (dict: Dictionary, keys: string[]) =>
      keys.map((key) => dict.get(key)).filter((id): id is number => id !== undefined);
    const mask = (dict: Dictionary, ids: number[]) => {
      const m = new Uint8Array(dict.size);
      for (const id of ids) m[id] = 1;
      return m;
    };
    const categoryIds = idsOf(this.categoryDict, f.categorySlugs);
    const brandIds = idsOf(this.brandDict, f.brandSlugs);
    const attributeIds = f.attributeNames.map((name) =>
      idsOf(
        this.pairDict,
        f.attributePairs.filter((p) => p.startsWith(`${name}=`)),
      ),
    );
    return {
      category: f.categorySlugs.length ? mask(this.categoryDict, categoryIds) : null,
      categoryIds,
      brand: f.brandSlugs.length ? mask(this.brandDict, brandIds) : null,
      brandIds,
      price:
        f.priceMin === null && f.priceMax === null
          ? null
          : { lo: f.priceMin ?? 0, hi: f.priceMax ?? Number.MAX_SAFE_INTEGER },
      minRating: f.minRating,
      inStock: f.inStock === null ? -1 : f.inStock ? 1 : 0,
      attributeMasks: attributeIds.map((ids) => mask(this.pairDict, ids)),
      attributeIds,
      /** Attribute name id of each attribute filter (or -1 when the index never saw the name). */
      attributeNameIds: f.attributeNames.map((name) => this.attributeNameDict.get(name) ?? -1),
    };
  }

  /**
   * The filter a document fails, 0 when it fails none, MORE_THAN_ONE otherwise,
   * read from its columns (for a text query's matches).
   */
  private failure(c: Compiled, d: number): number {
    let fails = 0;
    let failed = 0;
    if (c.category && !anyIn(this.categories, d, c.category)) {
      fails++;
      failed = FAIL_CATEGORY;
    }
    if (c.brand) {
      const b = this.brand[d] as number;
      if (b === NONE || c.brand[b] !== 1) {
        fails++;
        failed = FAIL_BRAND;
      }
    }
    if (c.price && fails <= 1 && !this.priceIn(d, c.price.lo, c.price.hi)) {
      fails++;
      failed = FAIL_PRICE;
    }
    // NaN (unrated) >= x is false, as NULL >= x is not true in SQL.
    if (c.minRating !== null && fails <= 1 && !((this.rating[d] as number) >= c.minRating)) {
      fails++;
      failed = FAIL_RATING;
    }
    if (c.inStock !== -1 && this.inStock[d] !== c.inStock) {
      fails++;
      failed = FAIL_STOCK;
    }
    for (let i = 0; i < c.attributeMasks.length && fails <= 1; i++) {
      if (!anyIn(this.pairs, d, c.attributeMasks[i] as Uint8Array)) {
        fails++;
        failed = FAIL_ATTRIBUTE + i;
      }
    }
    return fails > 1 ? MORE_THAN_ONE : failed;
  }

  /** True when some variant's price (thousandths) is in [lo, hi]. */
  private priceIn(d: number, lo: number, hi: number): boolean {
    const low = this.priceLow[d] as number;
    const high = this.priceHigh[d] as number;
    if (!(low <= hi && high >= lo)) return false; // none in range, or no variants (NaN)
    if (low >= lo || high <= hi) return true; // the lowest or the highest is
    const width = this.prices.width;
    const prices = this.prices.data;
    for (let j = 0; j < width; j++) {
      const p = prices[d * width + j] as number;
      if (Number.isNaN(p)) break;
      if (p >= lo && p <= hi) return true;
    }
    return false;
  }

  /**
   * Each active filter as the set of slots passing it (`words` words), with its
   * filter code: dictionary values' sets are unions of the maintained ones;
   * price and rating read their columns, only for the documents of `live` (the
   * live ones, or a text query's matches) that fail at most `tolerance` of the
   * other filters (whether the others pass or fail them changes no count).
   */
  private filterSets(
    c: Compiled,
    words: number,
    tolerance: 0 | 1,
    live: Uint32Array,
  ): { sets: Uint32Array[]; codes: number[] } {
    const sets: Uint32Array[] = [];
    const codes: number[] = [];
    const add = (set: Uint32Array, code: number) => {
      sets.push(set);
      codes.push(code);
    };
    if (c.category) add(this.categorySets.union(c.categoryIds, words), FAIL_CATEGORY);
    if (c.brand) add(this.brandSets.union(c.brandIds, words), FAIL_BRAND);
    if (c.inStock !== -1) {
      const inStock = this.inStockSet.union([0], words);
      if (c.inStock === 0) for (let w = 0; w < words; w++) inStock[w] = ~(inStock[w] as number);
      add(inStock, FAIL_STOCK);
    }
    c.attributeIds.forEach((ids, i) => {
      add(this.pairSets.union(ids, words), FAIL_ATTRIBUTE + i);
    });

    const price = c.price;
    const minRating = c.minRating;
    if (!price && minRating === null) return { sets, codes };
    const relevant = atMostFailing(sets, live, words, tolerance);
    const scan = (passes: (d: number) => boolean) => {
      const set = new Uint32Array(words);
      for (let w = 0; w < words; w++) {
        let todo = relevant[w] as number;
        let bits = 0;
        while (todo !== 0) {
          const bit = todo & -todo;
          todo ^= bit;
          if (passes((w << 5) | (31 - Math.clz32(bit)))) bits |= bit;
        }
        set[w] = bits;
      }
      return set;
    };
    if (price)
      add(
        scan((d) => this.priceIn(d, price.lo, price.hi)),
        FAIL_PRICE,
      );
    // NaN (unrated) >= x is false, as NULL >= x is not true in SQL.
    if (minRating !== null)
      add(
        scan((d) => (this.rating[d] as number) >= minRating),
        FAIL_RATING,
      );
    return { sets, codes };
  }

  /** Indexes of the attribute filters whose facet has few enough values to be counted by intersections. */
  private intersectedAttributes(c: Compiled): number[] {
    const values = new Map<number, number>();
    for (const nameId of this.pairDict.parent) values.set(nameId, (values.get(nameId) ?? 0) + 1);
    return c.attributeNameIds.flatMap((nameId, i) =>
      nameId !== -1 && (values.get(nameId) ?? 0) <= INTERSECTED_FACET_VALUES ? [i] : [],
    );
  }

  /**
   * Counts an attribute facet whose own filter is active by set intersections:
   * for each value of the attribute, the documents passing every other filter
   * that have the value (one pass over the words per value, 32 documents at a
   * time), instead of reading every such document's pairs.
   */
  private countAttributeFacet(
    nameId: number,
    others: Uint32Array[],
    live: Uint32Array,
    words: number,
    counts: Float64Array,
  ) {
    const passing = new Uint32Array(words);
    for (let w = 0; w < words; w++) {
      let bits = live[w] as number;
      for (let i = 0; i < others.length && bits !== 0; i++) bits &= (others[i] as Uint32Array)[w] as number;
      passing[w] = bits;
    }
    const parent = this.pairDict.parent;
    for (let v = 0; v < parent.length; v++) {
      if (parent[v] !== nameId) continue;
      counts[v] = this.pairSets.countIn(v, passing, words);
    }
  }

  /**
   * One pass over the candidates (every live document, a text query's matches
   * from the text index, or matches found by SQL): counts matches, keeps the
   * page after the cursor in sort order, and counts facets with the SQL
   * engine's disjunctive rule (a document failing exactly one filter counts
   * towards that filter's facet only).
   */
  evaluate(
    f: Filters,
    options: {
      /**
       * A text query (as Postgres built it) matched and ranked by the text index;
       * its relevance is computed for the documents passing every filter.
       */
      text?: TsQueryNode;
      /** A text query's matches found by SQL (ids, and scores as text when sorting by relevance). */
      matches?: { ids: string[]; scores: string[] | null };
      page?: { sort: SortTag; after: string[] | null; afterId: string | null; first: number };
      facets: boolean;
    },
  ): { page: DocValuesPage; facets: FacetRow[] } {
    const c = this.compile(f);
    const catWidth = this.categories.width;
    const cats = this.categories.data;
    const pairWidth = this.pairs.width;
    const pairs = this.pairs.data;
    const pairParent = this.pairDict.parent;
    const attrCount = c.attributeMasks.length;
    const alive = this.alive;
    const brand = this.brand;
    const inStock = this.inStock;
    const rating = this.rating;
    const priceBuckets = this.priceBuckets;

    const categoryCounts = new Float64Array(this.categoryDict.size);
    const brandCounts = new Float64Array(this.brandDict.size);
    const pairCounts = new Float64Array(this.pairDict.size);
    const bucketCounts = new Float64Array(PRICE_BUCKETS.length);
    const ratingCounts = new Float64Array(RATING_THRESHOLDS.length);
    const stockCounts = new Float64Array(2);
    const thresholds = Float64Array.from(RATING_THRESHOLDS);

    // Before the pager: it reads the scratch score column candidatesOf and reserveScores may replace.
    const candidates = options.matches ? this.candidatesOf(options.matches) : undefined;
    if (options.text && !this.text) throw new Error('these doc values have no text index');
    const textMatch = options.text && this.text ? this.text.match(options.text, wordsFor(this.count)) : null;
    const textScored = textMatch !== null && options.page?.sort === 'relevance-text';
    if (textScored) this.reserveScores();
    const pager = options.page ? new TopK(this, options.page) : null;
    let offer = (d: number) => pager?.offer(d);
    if (textScored && pager) {
      const scores = this.scratchScore;
      const factor = this.relevanceFactor;
      const boost = this.relevanceBoost;
      offer = (d) => {
        scores[d] = relevanceScore(textMatch.rank(d), factor[d] as number, boost[d] as number);
        pager.offer(d);
      };
    }
    const unfiltered =
      !candidates &&
      !textMatch &&
      !c.category &&
      !c.brand &&
      !c.price &&
      c.minRating === null &&
      c.inStock === -1 &&
      attrCount === 0;
    if (unfiltered) {
      // Every live document matches: the totals are the facets; the scan only finds the page.
      const n = this.count;
      if (pager) for (let d = 0; d < n; d++) if (alive[d] === 1) pager.offer(d);
      return {
        page: { total: this.size, hits: pager ? pager.result() : [] },
        facets: options.facets ? this.facetRows(this.totals) : [],
      };
    }
    let total = 0;
    const facets = options.facets;

    /** Filter codes whose single failures are not tallied, attribute names whose pairs are not (see intersected). */
    const skipFailed = new Uint8Array(FAIL_ATTRIBUTE + attrCount);
    const skipName = new Uint8Array(this.attributeNameDict.size);

    /** Counts a document that fails no filter (fails 0) or exactly the filter `failed` towards the facets. */
    const tally = (d: number, fails: number, failed: number) => {
      if (fails === 0 || failed === FAIL_CATEGORY) {
        for (let j = 0; j < catWidth; j++) {
          const v = cats[d * catWidth + j] as number;
          if (v === NONE) break;
          categoryCounts[v] = (categoryCounts[v] as number) + 1;
        }
      }
      if (fails === 0 || failed === FAIL_BRAND) {
        const b = brand[d] as number;
        if (b !== NONE) brandCounts[b] = (brandCounts[b] as number) + 1;
      }
      if (fails === 0 || failed === FAIL_PRICE) {
        const bits = priceBuckets[d] as number;
        for (let i = 0; i < bucketCounts.length; i++) {
          if (bits & (1 << i)) bucketCounts[i] = (bucketCounts[i] as number) + 1;
        }
      }
      if (fails === 0 || failed === FAIL_RATING) {
        const r = rating[d] as number;
        for (let i = 0; i < thresholds.length; i++) {
          if (r >= (thresholds[i] as number)) ratingCounts[i] = (ratingCounts[i] as number) + 1;
        }
      }
      if (fails === 0 || failed === FAIL_STOCK) {
        const s = inStock[d] as number;
        stockCounts[s] = (stockCounts[s] as number) + 1;
      }
      if (fails === 0) {
        for (let j = 0; j < pairWidth; j++) {
          const v = pairs[d * pairWidth + j] as number;
          if (v === NONE) break;
          if (skipName[pairParent[v] as number] !== 1) pairCounts[v] = (pairCounts[v] as number) + 1;
        }
      } else if (failed >= FAIL_ATTRIBUTE) {
        const nameId = c.attributeNameIds[failed - FAIL_ATTRIBUTE] as number;
        for (let j = 0; j < pairWidth; j++) {
          const v = pairs[d * pairWidth + j] as number;
          if (v === NONE) break;
          if (pairParent[v] === nameId) pairCounts[v] = (pairCounts[v] as number) + 1;
        }
      }
    };

    if (candidates) {
      // A text query's matches found by SQL: each one's columns are read, filter by filter.
      for (let k = 0; k < candidates.length; k++) {
        const d = candidates[k] as number;
        if (alive[d] === 0) continue;
        const failed = this.failure(c, d);
        if (failed === MORE_THAN_ONE) continue;
        if (failed === 0) {
          total++;
          offer(d);
        }
        if (facets) tally(d, failed === 0 ? 0 : 1, failed);
      }
    } else {
      // A filtered browse, or a text query matched by the text index (its matches are the
      // live documents): each filter is a set of slots, and the documents failing
      // at most one filter (those the page or a facet counts) are found 32 at a time.
      const words = wordsFor(this.count);
      const live = this.aliveSet.union([0], words);
      if (textMatch) for (let w = 0; w < words; w++) live[w] = (live[w] as number) & (textMatch.bits[w] as number);
      const { sets, codes } = this.filterSets(c, words, facets ? 1 : 0, live);
      // Filtered attributes with few values: their facets are counted by intersections
      // below, so the documents failing only them are not visited one by one.
      const intersected = facets ? this.intersectedAttributes(c) : [];
      for (const i of intersected) {
        skipFailed[FAIL_ATTRIBUTE + i] = 1;
        skipName[c.attributeNameIds[i] as number] = 1;
      }
      for (let w = 0; w < words; w++) {
        let one = 0; // failing at least one filter
        let two = 0; // failing at least two
        for (let i = 0; i < sets.length; i++) {
          const fail = ~((sets[i] as Uint32Array)[w] as number);
          two |= one & fail;
          one |= fail;
        }
        let todo = (live[w] as number) & ~(facets ? two : one);
        while (todo !== 0) {
          const bit = todo & -todo;
          todo ^= bit;
          const d = (w << 5) | (31 - Math.clz32(bit));
          if ((one & bit) === 0) {
            total++;
            offer(d);
            if (facets) tally(d, 0, 0);
            continue;
          }
          let failed = 0;
          for (let i = 0; i < sets.length; i++) {
            if ((((sets[i] as Uint32Array)[w] as number) & bit) === 0) {
              failed = codes[i] as number;
              break;
            }
          }
          if (skipFailed[failed] !== 1) tally(d, 1, failed);
        }
      }
      for (const i of intersected) {
        const others = sets.filter((_, k) => codes[k] !== FAIL_ATTRIBUTE + i);
        this.countAttributeFacet(c.attributeNameIds[i] as number, others, live, words, pairCounts);
      }
    }
    const rows = facets
      ? this.facetRows({
          category: categoryCounts,
          brand: brandCounts,
          pair: pairCounts,
          bucket: bucketCounts,
          rating: ratingCounts,
          stock: stockCounts,
        })
      : [];
    return { page: { total, hits: pager ? pager.result() : [] }, facets: rows };
  }

  /** Facet rows of counts by dictionary id (zero counts left out). */
  private facetRows(counts: {
    category: ArrayLike<number>;
    brand: ArrayLike<number>;
    pair: ArrayLike<number>;
    bucket: ArrayLike<number>;
    rating: ArrayLike<number>;
    stock: ArrayLike<number>;
  }): FacetRow[] {
    const rows: FacetRow[] = [];
    const push = (
      kind: FacetRow['kind'],
      values: ArrayLike<number>,
      valueAt: (i: number) => string,
      labelAt: (i: number) => string | null,
    ) => {
      for (let i = 0; i < values.length; i++) {
        const count = values[i] ?? 0;
        if (count > 0) rows.push({ kind, facet: kind, facet_label: null, value: valueAt(i), label: labelAt(i), count });
      }
    };
    const dictionary = (dict: Dictionary) =>
      [(i: number) => dict.keys[i] as string, (i: number) => dict.labels[i] as string] as const;
    push('category', counts.category, ...dictionary(this.categoryDict));
    push('brand', counts.brand, ...dictionary(this.brandDict));
    push(
      'price',
      counts.bucket,
      (i) => String(i + 1),
      () => null,
    );
    push(
      'rating',
      counts.rating,
      (i) => String(RATING_THRESHOLDS[i]),
      () => null,
    );
    push(
      'availability',
      counts.stock,
      (i) => (i === 1 ? 'in_stock' : 'out_of_stock'),
      () => null,
    );
    for (let i = 0; i < counts.pair.length; i++) {
      const count = counts.pair[i] ?? 0;
      if (count <= 0) continue;
      const key = this.pairDict.keys[i] as string;
      const nameId = this.pairDict.parent[i] as number;
      rows.push({
        kind: 'attribute',
        facet: this.attributeNameDict.keys[nameId] as string,
        facet_label: this.attributeNameDict.labels[nameId] as string,
        value: key.slice(key.indexOf('=') + 1),
        label: this.pairDict.labels[i] as string,
        count,
      });
    }
    return rows;
  }

  // ---------------------------------------------------------------- sorting (used by TopK)

  /** Sort key columns of a plan, most significant first, and whether they descend. */
  sortColumns(sort: SortTag): { columns: Float64Array[]; descending: boolean; texts: Array<(slot: number) => string> } {
    const int = (col: Float64Array) => (slot: number) => String(col[slot]);
    const rating = (slot: number) => {
      const r = this.ratingOrNone[slot] as number;
      return r === -1 ? '-1' : r.toFixed(2);
    };
    const time = (slot: number) => new Date(this.createdAt[slot] as number).toISOString();
    switch (sort) {
      case 'relevance-text':
        return {
          columns: [this.scratchScore],
          descending: true,
          // Scores have 9 decimals (as numeric in SQL): the double nearest one gives its text back.
          texts: [(slot) => (this.scratchScore[slot] as number).toFixed(9)],
        };
      case 'relevance':
        return {
          columns: [this.popularity, this.ratingOrNone, this.createdAt],
          descending: true,
          texts: [int(this.popularity), rating, time],
        };
      case 'price-asc':
        return { columns: [this.priceMin], descending: false, texts: [int(this.priceMin)] };
      case 'price-desc':
        return { columns: [this.priceMin], descending: true, texts: [int(this.priceMin)] };
      case 'newest':
        return { columns: [this.createdAt], descending: true, texts: [time] };
      case 'rating':
        return {
          columns: [this.ratingOrNone, this.reviewCount],
          descending: true,
          texts: [rating, int(this.reviewCount)],
        };
    }
  }

  productIdOf(slot: number): string {
    return this.productIds[slot] as string;
  }
}

type Compiled = ReturnType<DocValues['compile']>;

/** Attribute facets with at most this many values are counted by set intersections. */
const INTERSECTED_FACET_VALUES = 64;

/** The live slots failing at most `tolerance` (0 or 1) of these filters' sets. */
function atMostFailing(sets: Uint32Array[], live: Uint32Array, words: number, tolerance: 0 | 1): Uint32Array {
  const out = new Uint32Array(words);
  for (let w = 0; w < words; w++) {
    let one = 0;
    let two = 0;
    for (let i = 0; i < sets.length; i++) {
      const fail = ~((sets[i] as Uint32Array)[w] as number);
      two |= one & fail;
      one |= fail;
    }
    out[w] = (live[w] as number) & ~(tolerance === 0 ? one : two);
  }
  return out;
}

/** True when one of the document's values in a multi-valued column is in the mask. */
function anyIn(column: MultiColumn<Int32Array>, d: number, mask: Uint8Array): boolean {
  const width = column.width;
  const data = column.data;
  for (let j = 0; j < width; j++) {
    const v = data[d * width + j] as number;
    if (v === NONE) return false;
    if (mask[v] === 1) return true;
  }
  return false;
}

/** Parses a cursor's key text as the number the columns hold. */
function keyNumber(sort: SortTag, index: number, text: string): number {
  const isTime = (sort === 'relevance' && index === 2) || sort === 'newest';
  // Scores are numerics of at most 9 decimals: distinct ones stay distinct, in order, as doubles.
  return isTime ? Date.parse(text) : Number(text);
}

/**
 * Keeps the first `limit` documents after the cursor in sort order (ties by
 * product id, in the sort's direction), in a small sorted array: once full,
 * most candidates are refused by one comparison with the last.
 */
class TopK {
  private readonly columns: Float64Array[];
  private readonly descending: boolean;
  private readonly texts: Array<(slot: number) => string>;
  private readonly after: number[] | null;
  private readonly afterId: string | null;
  private readonly limit: number;
  private readonly slots: number[] = [];

  constructor(
    private readonly docs: DocValues,
    page: { sort: SortTag; after: string[] | null; afterId: string | null; first: number },
  ) {
    const { columns, descending, texts } = docs.sortColumns(page.sort);
    this.columns = columns;
    this.descending = descending;
    this.texts = texts;
    this.after = page.after ? page.after.map((t, i) => keyNumber(page.sort, i, t)) : null;
    this.afterId = page.afterId;
    this.limit = page.first + 1;
  }

  /** <0 when slot a comes before slot b. */
  private compare(a: number, b: number): number {
    for (const col of this.columns) {
      const x = col[a] as number;
      const y = col[b] as number;
      if (x !== y) return this.descending ? (x > y ? -1 : 1) : x < y ? -1 : 1;
    }
    const ia = this.docs.productIdOf(a);
    const ib = this.docs.productIdOf(b);
    if (ia === ib) return 0;
    return this.descending ? (ia > ib ? -1 : 1) : ia < ib ? -1 : 1;
  }

  /** True when the slot comes after the cursor. */
  private afterCursor(slot: number): boolean {
    const after = this.after as number[];
    for (let i = 0; i < this.columns.length; i++) {
      const x = (this.columns[i] as Float64Array)[slot] as number;
      const y = after[i] as number;
      if (x !== y) return this.descending ? x < y : x > y;
    }
    const id = this.docs.productIdOf(slot);
    const afterId = this.afterId as string;
    return this.descending ? id < afterId : id > afterId;
  }

  offer(slot: number): void {
    if (this.after && !this.afterCursor(slot)) return;
    const slots = this.slots;
    if (slots.length === this.limit && this.compare(slot, slots[slots.length - 1] as number) >= 0) return;
    let i = slots.length;
    while (i > 0 && this.compare(slot, slots[i - 1] as number) < 0) i--;
    slots.splice(i, 0, slot);
    if (slots.length > this.limit) slots.pop();
  }

  result(): Array<{ productId: string; keys: string[] }> {
    return this.slots.map((slot) => ({
      productId: this.docs.productIdOf(slot),
      keys: this.texts.map((text) => text(slot)),
    }));
  }
}
