import type { SearchFilter } from './search-engine.js';

/** Filters and facet rows as both engines' internals see them (no SQL here). */

/**
 * Currencies whose minor unit is not two digits (ISO 4217, as in
 * @storegraph/graphql-kit's money helpers): a price in minor units times the
 * scale below is in thousandths of a major unit.
 */
export const ZERO_DIGIT_CURRENCIES = [
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
];
export const THREE_DIGIT_CURRENCIES = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];

/** Prices in minor units of this currency times the result are thousandths of a major unit. */
export function minorToMilliScale(currencyCode: string): number {
  if (ZERO_DIGIT_CURRENCIES.includes(currencyCode)) return 1000;
  if (THREE_DIGIT_CURRENCIES.includes(currencyCode)) return 1;
  return 10;
}

/** A filter with defaults applied: lower-cased, deduplicated, empty lists meaning "no filter". */
export interface Filters {
  categorySlugs: string[];
  brandSlugs: string[];
  priceMin: number | null;
  priceMax: number | null;
  /** Lower-cased attribute names, and the lower-cased `name=value` pairs any of which satisfies its name. */
  attributeNames: string[];
  attributePairs: string[];
  inStock: boolean | null;
  minRating: number | null;
}

export function normalizeFilter(filter: SearchFilter): Filters {
  const uniq = (values: string[] | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
  const byName = new Map<string, Set<string>>();
  for (const condition of filter.attributes ?? []) {
    const name = condition.name.trim().toLowerCase();
    const values = condition.values.map((v) => v.trim().toLowerCase()).filter(Boolean);
    if (!name || values.length === 0) continue;
    const set = byName.get(name) ?? new Set<string>();
    for (const v of values) set.add(v);
    byName.set(name, set);
  }
  return {
    categorySlugs: uniq(filter.categorySlugs),
    brandSlugs: uniq(filter.brandSlugs),
    priceMin: filter.priceMinMilli ?? null,
    priceMax: filter.priceMaxMilli ?? null,
    attributeNames: [...byName.keys()],
    attributePairs: [...byName].flatMap(([name, values]) => [...values].map((v) => `${name}=${v}`)),
    inStock: filter.inStock ?? null,
    minRating: filter.minRating ?? null,
  };
}

/** One facet value's count, as the engines compute them before buildFacets shapes them. */
export interface FacetRow {
  kind: 'category' | 'brand' | 'price' | 'rating' | 'availability' | 'attribute';
  facet: string;
  facet_label: string | null;
  value: string;
  label: string | null;
  count: number;
}
