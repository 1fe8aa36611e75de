import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { createSearchServer } from '../src/server.js';
import { LIVE, loadCatalog, refMatches } from './documents.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let url: string;
let stop: () => Promise<void>;

const SEARCH = `query($q: String, $f: ProductFilter, $s: SearchSort, $n: Int, $a: String) {
  search(query: $q, filter: $f, sort: $s, first: $n, after: $a) {
    products {
      edges { cursor node { id } }
      nodes { id }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      totalCount
    }
    facets { name label values { value label count selected } }
    correctedQuery
  }
}`;

async function search(variables: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: SEARCH, variables }),
  });
  return (await res.json()) as any;
}

beforeAll(async () => {
  await loadCatalog(prisma);
  const service = await createSearchServer({ logger: silentLogger(), prisma });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('search over GraphQL', () => {
  it('returns product stubs in order, a connection, facets and the corrected query', async () => {
    const res = await search({ q: 'hedphones', n: 2 });
    expect(res.errors).toBeUndefined();
    const { products, facets, correctedQuery } = res.data.search;
    expect(correctedQuery).toBe('headphones');
    expect(products.totalCount).toBe(4);
    expect(products.nodes).toEqual(products.edges.map((e: { node: unknown }) => e.node));
    expect(products.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: products.edges[0].cursor,
      endCursor: products.edges[1].cursor,
    });
    expect(facets.map((f: { name: string }) => f.name)).toContain('category');

    const next = await search({ q: 'hedphones', n: 2, a: products.pageInfo.endCursor });
    expect(next.data.search.products.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const ids = [...products.nodes, ...next.data.search.products.nodes].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('filters with the contract input types, defaults to RELEVANCE and 24', async () => {
    const filter = {
      categorySlugs: ['apparel'],
      price: { min: '10', max: '30.00' },
      attributes: [{ name: 'Size', values: ['M'] }],
      inStock: true,
      minRating: 2,
    };
    const res = await search({ f: filter });
    expect(res.errors).toBeUndefined();
    expect(res.data.search.products.totalCount).toBe(
      refMatches(LIVE, { ...filter, price: { min: '10', max: '30.00' } }).length,
    );
    const all = await search({});
    expect(all.data.search.products.edges).toHaveLength(24);
    expect(all.data.search.products.totalCount).toBe(LIVE.length);
    expect(all.data.search.correctedQuery).toBeNull();
  });

  it.each([
    [{ n: 0 }, 'first'],
    [{ n: 101 }, 'first'],
    [{ q: 'x'.repeat(201) }, 'query'],
    [{ f: { price: { min: 'ten' } } }, 'filter.price.min'],
    [{ a: 'garbage!' }, 'after'],
  ])('answers %j with BAD_USER_INPUT', async (variables, field) => {
    const res = await search(variables);
    expect(res.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0].extensions.field.join('.')).toBe(field);
  });

  it('answers hostile text without errors', async () => {
    for (const q of ["' OR 1=1--", 'a & | !', '(a+)+$', ':*', '\\', 'Café ñandú 日本']) {
      const res = await search({ q });
      expect(res.errors, q).toBeUndefined();
    }
  });
});
