import { badUserInput } from '@storegraph/graphql-kit';
import { normalizeText, parseMajorDecimal } from '../engine/query-text.js';
import {
  MAX_PAGE_SIZE,
  MAX_QUERY_LENGTH,
  type SearchEngine,
  type SearchFilter,
  SearchInputError,
  type SearchResponse,
  type SearchSort,
} from '../engine/search-engine.js';

/** The filter as the API receives it (decimal strings, optional lists). */
export interface FilterInput {
  categorySlugs?: string[] | null;
  brandSlugs?: string[] | null;
  price?: { min?: string | null; max?: string | null } | null;
  attributes?: Array<{ name: string; values: string[] }> | null;
  inStock?: boolean | null;
  minRating?: number | null;
}

export interface SearchInput {
  query?: string | null;
  filter?: FilterInput | null;
  sort?: SearchSort | null;
  first?: number | null;
  after?: string | null;
}

const MAX_LIST = 50;

function list(values: string[] | null | undefined, field: string[]): string[] | undefined {
  if (!values) return undefined;
  if (values.length > MAX_LIST) throw badUserInput(`${field.join('.')} takes at most ${MAX_LIST} values.`, field);
  return values;
}

function price(text: string | null | undefined, field: string[]): number | null {
  if (text === null || text === undefined) return null;
  const milli = parseMajorDecimal(text);
  if (milli === null) {
    throw badUserInput(`${field.join('.')} must be a non-negative decimal such as "19.99".`, field);
  }
  return milli;
}

/** Validates API input into an engine request, and engine input errors into BAD_USER_INPUT. */
export class SearchService {
  constructor(readonly engine: SearchEngine) {}

  async search(input: SearchInput): Promise<SearchResponse> {
    const query = normalizeText(input.query ?? '');
    if (query.length > MAX_QUERY_LENGTH) {
      throw badUserInput(`query must be at most ${MAX_QUERY_LENGTH} characters.`, ['query']);
    }
    const first = input.first ?? 24;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, ['first']);
    }
    const filter = toEngineFilter(input.filter ?? {});
    try {
      return await this.engine.search({
        query,
        filter,
        sort: input.sort ?? 'RELEVANCE',
        first,
        after: input.after ?? null,
      });
    } catch (error) {
      if (error instanceof SearchInputError) throw badUserInput(error.message, error.field);
      throw error;
    }
  }
}

export function toEngineFilter(input: FilterInput): SearchFilter {
  const priceMinMilli = price(input.price?.min, ['filter', 'price', 'min']);
  const priceMaxMilli = price(input.price?.max, ['filter', 'price', 'max']);
  if (priceMinMilli !== null && priceMaxMilli !== null && priceMinMilli > priceMaxMilli) {
    throw badUserInput('filter.price.min must not exceed filter.price.max.', ['filter', 'price']);
  }
  const minRating = input.minRating ?? null;
  if (minRating !== null && !(Number.isFinite(minRating) && minRating >= 0 && minRating <= 5)) {
    throw badUserInput('filter.minRating must be between 0 and 5.', ['filter', 'minRating']);
  }
  const attributes = input.attributes ?? undefined;
  if (attributes && attributes.length > MAX_LIST) {
    throw badUserInput(`filter.attributes takes at most ${MAX_LIST} attributes.`, ['filter', 'attributes']);
  }
  for (const a of attributes ?? []) list(a.values, ['filter', 'attributes', 'values']);
  return {
    categorySlugs: list(input.categorySlugs, ['filter', 'categorySlugs']),
    brandSlugs: list(input.brandSlugs, ['filter', 'brandSlugs']),
    priceMinMilli,
    priceMaxMilli,
    attributes,
    inStock: input.inStock ?? null,
    minRating,
  };
}
