import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from '../src/api-schema.js';
import { operationAnalyser } from '../src/response-cache/operation-subgraphs.js';
import { idsIn, ResponseStore } from '../src/response-cache/response-store.js';

const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const analyse = operationAnalyser(apiSchema(supergraph), supergraph);
const shape = (text: string, name?: string) => {
  const result = analyse(parse(text), name);
  if (!result) throw new Error('no operation');
  return result;
};
const PUBLIC = new Set(['products', 'search']);

describe('which subgraphs an operation reads', () => {
  it('a product page reads products only, and is about one product', () => {
    const page = shape(
      'query P($s: String!) { product(slug: $s) { id title variants { id price { amount currencyCode } } } }',
    );
    expect(page.kind).toBe('query');
    expect(page.rootFields).toEqual(['product']);
    expect([...page.rootSubgraphs]).toEqual(['products']);
    expect(page.onlyFrom(PUBLIC)).toBe(true);
    expect(page.nestedLists).toBe(false);
  });

  it('follows fragments, and sees lists of products below the root', () => {
    const listing = shape(`
      query L { category(slug: "x") { ...C } }
      fragment C on Category { name products(first: 5) { nodes { id title } } }
    `);
    expect(listing.onlyFrom(PUBLIC)).toBe(true);
    expect(listing.nestedLists).toBe(true);
    const rootSpread = shape('query R { ...Q } fragment Q on Query { product(slug: "x") { id } }');
    expect(rootSpread.rootFields).toContain('...');
  });

  it('a search answer reads search and products', () => {
    const search = shape('query S { search(query: "mug") { products { nodes { id title } } facets { name } } }');
    expect([...search.subgraphs].sort()).toEqual(['products', 'search']);
    expect(search.onlyFrom(PUBLIC)).toBe(true);
  });

  it('anything of a caller’s own (me, a cart, an order) is not public', () => {
    expect(shape('query { me { id email } }').onlyFrom(PUBLIC)).toBe(false);
    expect(shape('query($id: ID!) { cart(id: $id) { id } categories { slug } }').onlyFrom(PUBLIC)).toBe(false);
  });

  it('a mutation changes the subgraphs of its root fields, not those of the answer it selects', () => {
    const add = shape(
      'mutation($id: ID!) { cartLinesAdd(cartId: $id, lines: []) { cart { lines { variant { product { title } } } } } }',
    );
    expect(add.kind).toBe('mutation');
    expect([...add.rootSubgraphs]).toEqual(['cart']);
    expect(add.subgraphs.has('products')).toBe(true);
    const update = shape('mutation($id: ID!) { productUpdate(id: $id, input: {}) { product { id } } }');
    expect([...update.rootSubgraphs]).toEqual(['products']);
  });

  it('picks the named operation of several, and none for an unknown name', () => {
    const text = 'query A { me { id } } query B { categories { slug } }';
    expect(shape(text, 'B').onlyFrom(PUBLIC)).toBe(true);
    expect(analyse(parse(text), 'C')).toBeNull();
    expect(analyse(parse(text), undefined)).toBeNull();
  });
});

describe('ResponseStore', () => {
  const answer = (ids: string[] | null, subgraphs = ['products'], bytes = 100) => ({
    data: { ids },
    bytes,
    subgraphs: new Set(subgraphs),
    ids: ids ? new Set(ids) : null,
  });

  it('drops an answer about a product when that product changes, and every list answer of its subgraph', () => {
    const store = new ResponseStore({ maxBytes: 10_000, ttlMs: 60_000 });
    store.set('page-a', answer(['a', 'a-variant']), store.generation);
    store.set('page-b', answer(['b']), store.generation);
    store.set('listing', answer(null), store.generation);
    store.set('search', answer(null, ['search', 'products']), store.generation);
    expect(store.invalidate({ source: 'products', productIds: ['A-VARIANT'] })).toBe(3);
    expect(store.get('page-a')).toBeUndefined();
    expect(store.get('page-b')).toEqual({ ids: ['b'] });
    expect(store.get('listing')).toBeUndefined();
    store.set('search-only', answer(null, ['search']), store.generation);
    expect(store.invalidate({ source: 'products', productIds: ['z'] })).toBe(0);
    expect(store.invalidate({ source: 'search', productIds: [], all: true })).toBe(1);
    expect(store.get('page-b')).toEqual({ ids: ['b'] });
  });

  it('refuses an answer whose request began before an invalidation', () => {
    const store = new ResponseStore({ maxBytes: 10_000, ttlMs: 60_000 });
    const started = store.generation;
    store.invalidate({ source: 'products', productIds: ['x'] });
    expect(store.set('late', answer(['y']), started)).toBe(false);
    expect(store.get('late')).toBeUndefined();
    store.bump();
    expect(store.set('late', answer(['y']), started)).toBe(false);
    expect(store.set('fresh', answer(['y']), store.generation)).toBe(true);
  });

  it('forgets the least recently used beyond its size, and everything after its TTL', () => {
    let now = 0;
    const store = new ResponseStore({ maxBytes: 1_000, ttlMs: 5_000, now: () => now });
    store.set('one', answer(['1'], ['products'], 100), store.generation);
    store.set('two', answer(['2'], ['products'], 100), store.generation);
    expect(store.set('huge', answer(['h'], ['products'], 500), store.generation)).toBe(false);
    for (let i = 3; i <= 10; i++) {
      store.get('one');
      store.set(String(i), answer([String(i)], ['products'], 100), store.generation);
    }
    expect(store.size).toBe(10);
    store.set('eleven', answer(['11'], ['products'], 100), store.generation);
    expect(store.get('two')).toBeUndefined();
    expect(store.get('one')).toBeDefined();
    now = 5_000;
    expect(store.get('one')).toBeUndefined();
    store.clear();
    expect(store.size).toBe(0);
  });

  it('finds the ids an answer shows, at any depth', () => {
    expect([
      ...idsIn({ product: { id: 'P', variants: [{ id: 'V1' }, { id: 'v2', price: { amount: '1' } }] } }),
    ]).toEqual(['p', 'v1', 'v2']);
    expect(idsIn({ product: null }).size).toBe(0);
  });
});
