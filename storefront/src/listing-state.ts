// The listing view's whole state is the URL: `q`, `sort`, `after` (cursor), `page`,
// and one repeated parameter per facet (`category`, `brand`, `price`, `rating`,
// `availability`, and `a.<attribute>`), plus a custom `min`/`max` price range.
// A link therefore reproduces the view exactly.

export const SORTS = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST', 'RATING'] as const;
export type Sort = (typeof SORTS)[number];

export type ListingState = {
  q: string;
  sort: Sort;
  after: string | null;
  page: number;
  /** Facet name -> selected values (attributes as their lower-cased name). */
  facets: Record<string, string[]>;
  min: string;
  max: string;
};

const FIXED = ['category', 'brand', 'price', 'rating', 'availability'];

export function parseListing(search: URLSearchParams): ListingState {
  const facets: Record<string, string[]> = {};
  for (const [key, value] of search) {
    const name = FIXED.includes(key) ? key : key.startsWith('a.') ? key.slice(2) : null;
    if (!name || !value) continue;
    const values = facets[name] ?? [];
    if (!values.includes(value)) values.push(value);
    facets[name] = values;
  }
  const sort = search.get('sort') as Sort | null;
  const page = Number(search.get('page'));
  return {
    q: search.get('q')?.trim() ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'RELEVANCE',
    after: search.get('after') || null,
    page: Number.isInteger(page) && page > 1 ? page : 1,
    facets,
    min: search.get('min') ?? '',
    max: search.get('max') ?? '',
  };
}

export function listingSearch(state: ListingState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const [name, values] of Object.entries(state.facets).sort(([a], [b]) => a.localeCompare(b))) {
    for (const value of values) params.append(FIXED.includes(name) ? name : `a.${name}`, value);
  }
  if (state.min) params.set('min', state.min);
  if (state.max) params.set('max', state.max);
  if (state.sort !== 'RELEVANCE') params.set('sort', state.sort);
  if (state.after) params.set('after', state.after);
  if (state.page > 1) params.set('page', String(state.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Toggles one facet value; any change of filters starts again from the first page. */
export function toggleFacet(state: ListingState, name: string, value: string): ListingState {
  const current = state.facets[name] ?? [];
  // Price buckets and the rating threshold are single-choice in the API.
  const single = name === 'price' || name === 'rating';
  const next = current.includes(value) ? current.filter((v) => v !== value) : single ? [value] : [...current, value];
  const facets = { ...state.facets, [name]: next };
  if (next.length === 0) delete facets[name];
  const priceReset = name === 'price' ? { min: '', max: '' } : {};
  return { ...state, ...priceReset, facets, after: null, page: 1 };
}

export function withPriceRange(state: ListingState, min: string, max: string): ListingState {
  const { price: _bucket, ...facets } = state.facets;
  return { ...state, facets, min, max, after: null, page: 1 };
}

export type SearchFilter = {
  categorySlugs?: string[];
  brandSlugs?: string[];
  price?: { min?: string; max?: string };
  attributes?: Array<{ name: string; values: string[] }>;
  inStock?: boolean;
  minRating?: number;
};

/** The API's `ProductFilter` for a state; `baseCategory` is the category page's own slug. */
export function toFilter(state: ListingState, baseCategory?: string): SearchFilter {
  const f = state.facets;
  const filter: SearchFilter = {};
  const categories = f.category ?? (baseCategory ? [baseCategory] : []);
  if (categories.length) filter.categorySlugs = categories;
  if (f.brand?.length) filter.brandSlugs = f.brand;
  const bucket = f.price?.[0];
  if (bucket) {
    const [min, max] = bucket.replace('+', '-').split('-');
    filter.price = { ...(min ? { min } : {}), ...(max ? { max } : {}) };
  } else if (state.min || state.max) {
    filter.price = { ...(state.min ? { min: state.min } : {}), ...(state.max ? { max: state.max } : {}) };
  }
  const rating = Number(f.rating?.[0]);
  if (rating > 0) filter.minRating = rating;
  const availability = f.availability ?? [];
  if (availability.length === 1) filter.inStock = availability[0] === 'in_stock';
  const attributes = Object.entries(f)
    .filter(([name]) => !FIXED.includes(name))
    .map(([name, values]) => ({ name, values }));
  if (attributes.length) filter.attributes = attributes;
  return filter;
}

/** A valid price bound: a non-negative decimal with at most two fraction digits, or empty. */
export const isPriceBound = (value: string) => value === '' || /^\d{1,7}(\.\d{1,2})?$/.test(value);
