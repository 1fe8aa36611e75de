import { useQuery } from '@apollo/client/react';
import { FacetPanel } from '../components/facet-panel';
import { ProductGrid } from '../components/product-card';
import { Empty, ErrorState, Loading } from '../components/status';
import { graphql } from '../gql';
import {
  type ListingState,
  listingSearch,
  parseListing,
  SORTS,
  toFilter,
  toggleFacet,
  withPriceRange,
} from '../listing-state';
import { Link, navigate, useLocation } from '../router';

const Listing = graphql(`
  query Listing($query: String, $filter: ProductFilter, $sort: SearchSort, $after: String) {
    search(query: $query, filter: $filter, sort: $sort, first: 24, after: $after) {
      correctedQuery
      facets { name label values { value label count selected } }
      products {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id slug title availableForSale rating
          brand { name }
          images { url altText }
          priceRange { min { amount currencyCode } max { amount currencyCode } }
        }
      }
    }
  }
`);

const CategoryName = graphql(`
  query CategoryName($slug: String!) {
    category(slug: $slug) { id name }
  }
`);

const SORT_LABELS: Record<(typeof SORTS)[number], string> = {
  RELEVANCE: 'Relevance',
  PRICE_ASC: 'Price: low to high',
  PRICE_DESC: 'Price: high to low',
  NEWEST: 'Newest',
  RATING: 'Top rated',
};

/** Category listing (`/c/:slug`) and search results (`/search?q=`): one view. */
export function ListingPage({ category }: { category?: string }) {
  const { pathname, search } = useLocation();
  const state = parseListing(search);
  const go = (next: ListingState) => navigate(`${pathname}${listingSearch(next)}`);
  const { data, previousData, loading, error, refetch } = useQuery(Listing, {
    variables: { query: state.q || null, filter: toFilter(state, category), sort: state.sort, after: state.after },
  });
  const named = useQuery(CategoryName, { variables: { slug: category ?? '' }, skip: !category });
  const result = (data ?? previousData)?.search;
  const title = category
    ? (named.data?.category?.name ?? 'Category')
    : state.q
      ? `Results for “${state.q}”`
      : 'All products';

  return (
    <div className="listing">
      <h1>{title}</h1>
      {result?.correctedQuery && (
        <p className="corrected" role="status">
          Showing results for <strong>{result.correctedQuery}</strong> (you searched for “{state.q}”).
        </p>
      )}
      {error && !result && <ErrorState error={error} retry={() => refetch()} />}
      {!result && !error && <Loading label="Finding products…" />}
      {result && (
        <div className="listing-body">
          <details className="filters" open>
            <summary>Filters</summary>
            <FacetPanel
              facets={result.facets}
              min={state.min}
              max={state.max}
              onToggle={(name, value) => go(toggleFacet(state, name, value))}
              onPriceRange={(min, max) => go(withPriceRange(state, min, max))}
            />
          </details>
          <section className="results" aria-busy={loading} aria-labelledby="results-count">
            <div className="toolbar">
              <p id="results-count" role="status">
                {result.products.totalCount.toLocaleString('en')} products
              </p>
              <label>
                Sort by{' '}
                <select
                  value={state.sort}
                  onChange={(e) => go({ ...state, sort: e.target.value as ListingState['sort'], after: null, page: 1 })}
                >
                  {SORTS.map((s) => (
                    <option key={s} value={s}>
                      {SORT_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {result.products.nodes.length === 0 ? (
              <Empty>
                <p>No products match these filters.</p>
                <Link to={pathname + (state.q ? `?q=${encodeURIComponent(state.q)}` : '')}>Clear all filters</Link>
              </Empty>
            ) : (
              <ProductGrid products={result.products.nodes} label="Products" />
            )}
            <nav className="pagination" aria-label="Pages">
              {state.page > 1 && (
                <Link to={`${pathname}${listingSearch({ ...state, after: null, page: 1 })}`}>First page</Link>
              )}
              <span aria-current="page">Page {state.page}</span>
              {result.products.pageInfo.hasNextPage && (
                <Link
                  to={`${pathname}${listingSearch({ ...state, after: result.products.pageInfo.endCursor ?? null, page: state.page + 1 })}`}
                  rel="next"
                >
                  Next page
                </Link>
              )}
            </nav>
          </section>
        </div>
      )}
    </div>
  );
}
