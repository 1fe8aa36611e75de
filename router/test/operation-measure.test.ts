import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from '../src/api-schema.js';
import { limitViolation, type OperationLimits } from '../src/limits/limit-violation.js';
import { measureOperation, selectOperation } from '../src/limits/operation-measure.js';

const schema = apiSchema(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const model = { defaultListSize: 10, mutationCost: 10, maxPageSize: 100 };
const limits: OperationLimits = {
  maxDepth: 6,
  maxAliases: 3,
  maxRootFields: 3,
  maxDirectives: 2,
  maxTokens: 500,
  maxCost: 1_000,
  maxPageSize: 100,
};

function measure(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(query);
  const operation = selectOperation(document, operationName);
  if (!operation) throw new Error('no operation');
  return measureOperation(schema, document, operation, variables, model);
}

describe('calculated cost', () => {
  it('costs scalars 0 and objects 1', () => {
    expect(measure('{ me { id email } }').cost).toBe(1);
    expect(measure('{ product(id: "x") { id brand { name } category { name } } }').cost).toBe(3);
  });

  it('costs a connection 2 + first × an item (its edges and nodes), and its pageInfo once', () => {
    // nodes (1) + brand (1) per product
    expect(measure('{ products(first: 24) { nodes { id brand { name } } } }').cost).toBe(2 + 24 * 2);
    // edge (1) + node (1) per product, pageInfo 1
    expect(measure('{ products(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }').cost).toBe(
      2 + 5 * 2 + 1,
    );
  });

  it('takes the size from variables, variable defaults and schema defaults', () => {
    const q = 'query($n: Int) { products(first: $n) { nodes { id } } }';
    expect(measure(q, { n: 50 }).cost).toBe(2 + 50);
    expect(measure('query($n: Int = 7) { products(first: $n) { nodes { id } } }').cost).toBe(2 + 7);
    // products(first: Int = 24)
    expect(measure('{ products { nodes { id } } }').cost).toBe(2 + 24);
  });

  it('multiplies lists by their limit argument or the default list size, nested connections by both pages', () => {
    // searchSuggestions(limit: Int = 8); each suggestion has a product object
    expect(measure('{ searchSuggestions(prefix: "a") { text product { id } } }').cost).toBe(8 * (1 + 1));
    // variants and brands have no size argument: 10 assumed
    expect(measure('{ product(id: "x") { variants { id } } }').cost).toBe(1 + 10);
    expect(measure('{ brands { id } }').cost).toBe(10);
    expect(measure('{ me { orders(first: 10) { nodes { lines { quantity } } } } }').cost).toBe(1 + 2 + 10 * (1 + 10));
  });

  it('sizes a connection by the page size its parent field asked for', () => {
    // search(first: Int = 24) returns SearchResult, whose products connection serves that page
    expect(measure('{ search(query: "a", first: 5) { products { nodes { id } } } }').cost).toBe(1 + 2 + 5);
    expect(measure('{ search(query: "a") { products { nodes { id } } facets { name } } }').cost).toBe(1 + 2 + 24 + 10);
  });

  it('adds the mutation cost per mutation root field', () => {
    expect(measure('mutation { logout(refreshToken: "x") }').cost).toBe(10);
    expect(measure('mutation { cartCreate { cart { id } } }').cost).toBe(10 + 2);
  });

  it('measures fragments once however often they are spread, and survives fragment cycles', () => {
    const nested = `
      query { products(first: 2) { nodes { ...A } } }
      fragment A on Product { ...B ...B }
      fragment B on Product { ...C ...C }
      fragment C on Product { brand { name } }`;
    expect(measure(nested).cost).toBe(2 + 2 * (1 + 4));
    const cycle = 'query { me { ...U } } fragment U on User { id ...V } fragment V on User { ...U }';
    expect(measure(cycle).cost).toBe(1);
  });

  it('ignores introspection in depth and cost', () => {
    const m = measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }');
    expect([m.cost, m.depth]).toEqual([0, 0]);
  });
});

describe('shape measures', () => {
  it('counts depth, aliases (through fragments), root fields and directives', () => {
    const m = measure(`
      query Q($skip: Boolean!) {
        a: products(first: 1) { nodes { id } }
        b: products(first: 1) { nodes { ...F } }
        brands @skip(if: $skip) { id }
        __typename
      }
      fragment F on Product { x: id y: title @include(if: true) }`);
    expect(m).toMatchObject({ type: 'query', depth: 3, aliases: 4, directives: 2 });
    expect(m.rootFields).toEqual(['products', 'products', 'brands']);
  });

  it('picks the named operation', () => {
    const doc = 'query A { brands { id } } query B { me { id } categories { id } }';
    expect(measure(doc, {}, 'B').rootFields).toEqual(['me', 'categories']);
  });
});

describe('limit violations', () => {
  const violation = (query: string, variables: Record<string, unknown> = {}) =>
    limitViolation(measure(query, variables), limits)?.code;

  it('accepts an operation within every limit', () => {
    expect(violation('{ products(first: 24) { nodes { id title brand { name } } } }')).toBeUndefined();
  });

  it('names the limit exceeded', () => {
    expect(
      violation('{ me { orders { nodes { lines { variant { product { category { parent { id } } } } } } } } }'),
    ).toBe('MAX_DEPTH_EXCEEDED');
    expect(violation('{ a: brands { id } b: categories { id } c: me { id } d: me { email } }')).toBe(
      'MAX_ALIASES_EXCEEDED',
    );
    expect(violation('{ brands { id } categories { id } me { id } cart(id: "x") { id } }')).toBe(
      'MAX_ROOT_FIELDS_EXCEEDED',
    );
    expect(violation('{ me @skip(if: false) { id @skip(if: false) email @include(if: true) } }')).toBe(
      'MAX_DIRECTIVES_EXCEEDED',
    );
    expect(violation('{ products(first: 100) { nodes { variants { id } images { url } } } }')).toBe(
      'MAX_COST_EXCEEDED',
    );
  });

  it('refuses first above the page size as BAD_USER_INPUT with the argument path', () => {
    const v = limitViolation(measure('query($n: Int) { p: products(first: $n) { nodes { id } } }', { n: 101 }), limits);
    expect(v).toEqual({ code: 'BAD_USER_INPUT', message: 'first must be between 1 and 100.', field: ['p', 'first'] });
    expect(limitViolation(measure('{ search(first: 101) { correctedQuery } }'), limits)?.code).toBe('BAD_USER_INPUT');
  });
});
