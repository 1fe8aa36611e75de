/**
 * The search port: what the resolvers need from a search index, in terms of
 * products, filters and facets only. It knows nothing of GraphQL or SQL, so
 * another engine (e.g. OpenSearch) can implement it without touching resolvers.
 */

export type SearchSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST' | 'RATING';

export interface AttributeCondition {
  /** Attribute or variant option name, matched case-insensitively. */
  name: string;
  /** Any of these values (OR within one attribute; AND across attributes). */
  values: string[];
}

/**
 * Filters, all optional and combinable. Prices are exact integers in
 * thousandths of a major unit of each product's currency ("19.99" -> 19990),
 * so one filter works for currencies with 0, 2 or 3 minor digits.
 */
export interface SearchFilter {
  /** Any of these categories, including their descendants. */
  categorySlugs?: string[];
  brandSlugs?: string[];
  /** Inclusive; a product matches when any of its variant prices is in range. */
  priceMinMilli?: number | null;
  priceMaxMilli?: number | null;
  attributes?: AttributeCondition[];
  /** true: only in stock; false: only out of stock; null/undefined: both. */
  inStock?: boolean | null;
  /** Only rated products with rating >= minRating. */
  minRating?: number | null;
}

export interface SearchRequest {
  /** What the user typed (trimmed, at most MAX_QUERY_LENGTH chars); empty = browse by filters. */
  query: string;
  filter: SearchFilter;
  sort: SearchSort;
  /** Page size, 1..100. */
  first: number;
  /** A cursor returned by an earlier search with the same sort, or null. */
  after: string | null;
}

export interface FacetValueResult {
  value: string;
  label: string;
  /** Products matching if this value were selected, given the other active filters. */
  count: number;
  selected: boolean;
}

export interface FacetResult {
  /** category, brand, price, rating, availability, or an attribute name such as color. */
  name: string;
  label: string;
  values: FacetValueResult[];
}

export interface SearchHit {
  productId: string;
  cursor: string;
}

export interface SearchResponse {
  /** One page of products, in order. */
  hits: SearchHit[];
  hasNextPage: boolean;
  /** Every product matching the query and filters (not only this page). */
  totalCount: number;
  facets: FacetResult[];
  /** The query as corrected for typos, when the corrected query found more products. */
  correctedQuery: string | null;
}

export interface SuggestionHit {
  text: string;
  kind: 'product' | 'brand' | 'category';
  /** Set for product suggestions only. */
  productId: string | null;
}

export interface SearchEngine {
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Completions for what the user is typing; `prefix` is non-empty, `limit` 1..20. */
  suggest(prefix: string, limit: number): Promise<SuggestionHit[]>;
  /** Readiness: throws when the index cannot answer. */
  ping(): Promise<void>;
}

/** Input the engine cannot use (e.g. a cursor from another sort); the API maps it to BAD_USER_INPUT. */
export class SearchInputError extends Error {
  constructor(
    message: string,
    readonly field: string[],
  ) {
    super(message);
    this.name = 'SearchInputError';
  }
}

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;
export const MAX_SUGGESTIONS = 20;
export const MAX_PREFIX_LENGTH = 100;
