import { describe, expect, it } from 'vitest';
import { listingSearch, parseListing, toFilter, toggleFacet, withPriceRange } from '../src/listing-state';

const parse = (search: string) => parseListing(new URLSearchParams(search));

describe('listing state in the URL', () => {
  it('round-trips query, facets, attributes, price, sort and page', () => {
    const search = '?q=shirt&a.color=red&a.color=blue&brand=acme&min=10&max=50&sort=PRICE_ASC&after=abc&page=3';
    const state = parse(search);
    expect(state).toMatchObject({ q: 'shirt', sort: 'PRICE_ASC', after: 'abc', page: 3, min: '10', max: '50' });
    expect(state.facets).toEqual({ color: ['red', 'blue'], brand: ['acme'] });
    expect(parse(listingSearch(state))).toEqual(state);
  });

  it('maps the state to the API filter', () => {
    const state = parse('?category=shoes&brand=acme&brand=globex&price=25-50&rating=4&availability=in_stock&a.size=m');
    expect(toFilter(state)).toEqual({
      categorySlugs: ['shoes'],
      brandSlugs: ['acme', 'globex'],
      price: { min: '25', max: '50' },
      minRating: 4,
      inStock: true,
      attributes: [{ name: 'size', values: ['m'] }],
    });
    expect(toFilter(parse('?price=500%2B')).price).toEqual({ min: '500' });
    expect(toFilter(parse(''), 'books')).toEqual({ categorySlugs: ['books'] });
  });

  it('toggles values (multi-select, single for price and rating) and resets paging', () => {
    let state = parse('?brand=acme&after=x&page=2');
    state = toggleFacet(state, 'brand', 'globex');
    expect(state.facets.brand).toEqual(['acme', 'globex']);
    expect(state.after).toBeNull();
    expect(state.page).toBe(1);
    state = toggleFacet(state, 'brand', 'acme');
    expect(state.facets.brand).toEqual(['globex']);
    state = toggleFacet(toggleFacet(state, 'price', '0-25'), 'price', '25-50');
    expect(state.facets.price).toEqual(['25-50']);
    state = withPriceRange(state, '5', '9');
    expect(state.facets.price).toBeUndefined();
    expect(listingSearch(state)).toBe('?brand=globex&min=5&max=9');
  });
});
