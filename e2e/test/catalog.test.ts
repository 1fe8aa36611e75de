import { seedCatalog } from '@storegraph/products/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;

beforeAll(async () => {
  sg = await startSupergraph();
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 150 });
});

afterAll(async () => {
  await sg?.stop();
});

const slugsOf = (res: any, path = 'products') => res.data[path].nodes.map((n: any) => n.slug);

describe('catalog queries through the router', () => {
  it('pages products by every sort key, both directions, without gaps or repeats', async () => {
    const live = await sg.prisma.products.product.count({ where: { deletedAt: null } });
    for (const sortKey of ['CREATED_AT', 'PRICE', 'TITLE', 'RATING']) {
      for (const reverse of [false, true]) {
        const seen: string[] = [];
        let after: string | null = null;
        let total = -1;
        for (let page = 0; page < 10; page += 1) {
          const res: any = await sg.gql(
            `query($s: ProductSortKey, $r: Boolean, $a: String) { products(first: 40, sortKey: $s, reverse: $r, after: $a) {
              totalCount nodes { slug } pageInfo { hasNextPage endCursor } } }`,
            { s: sortKey, r: reverse, a: after },
          );
          expect(res.errors).toBeUndefined();
          total = res.data.products.totalCount;
          seen.push(...slugsOf(res));
          if (!res.data.products.pageInfo.hasNextPage) break;
          after = res.data.products.pageInfo.endCursor;
        }
        expect([sortKey, reverse, seen.length, new Set(seen).size]).toEqual([sortKey, reverse, live, live]);
        expect(total).toBe(live);
      }
    }
  });

  it('orders by price and rating as stored', async () => {
    const res = await sg.gql(
      '{ products(first: 100, sortKey: PRICE, reverse: true) { nodes { priceRange { min { amount } } } } }',
    );
    const prices = res.data.products.nodes.map((n: any) => Number(n.priceRange.min.amount));
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
    const rated = await sg.gql('{ products(first: 100, sortKey: RATING, reverse: true) { nodes { rating } } }');
    const ratings = rated.data.products.nodes.map((n: any) => n.rating ?? -1);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
  });

  it('finds a product by id and by slug, with every field of the contract', async () => {
    const row = await sg.prisma.products.product.findFirstOrThrow({
      where: { deletedAt: null },
      orderBy: { slug: 'asc' },
    });
    const FIELDS = `id slug title description brand { slug } category { slug } images { url altText width height }
      options { name values } attributes { name value } priceRange { min { amount currencyCode } max { amount } }
      availableForSale rating reviewCount createdAt updatedAt
      variants { id sku title price { amount } compareAtPrice { amount } selectedOptions { name value } quantityAvailable availableForSale product { id } }`;
    const byId = await sg.gql(`query($id: ID) { product(id: $id) { ${FIELDS} } }`, { id: row.id });
    const bySlug = await sg.gql(`query($s: String) { product(slug: $s) { ${FIELDS} } }`, { s: row.slug });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.product).toEqual(bySlug.data.product);
    const p = byId.data.product;
    expect(p.slug).toBe(row.slug);
    expect(p.priceRange.min.amount).toBe((row.priceMinMinor / 100).toFixed(2));
    expect(p.variants.every((v: any) => v.product.id === row.id)).toBe(true);
    expect(new Date(p.createdAt).toISOString()).toBe(row.createdAt.toISOString());
    const both = await sg.gql('query($id: ID, $s: String) { product(id: $id, slug: $s) { id } }', {
      id: row.id,
      s: row.slug,
    });
    expect(both.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves the category tree and a category’s products including its descendants', async () => {
    const res = await sg.gql(`{ categories { slug children { slug children { slug parent { slug } } } } }`);
    const roots = res.data.categories;
    expect(roots.length).toBeGreaterThanOrEqual(5);
    const root = roots.find((c: any) => c.children.length > 0);
    const leaf = root.children.find((c: any) => c.children.length > 0).children[0];
    expect(leaf.parent.slug).toEqual(expect.any(String));
    const rootProducts = await sg.gql(
      'query($s: String!) { category(slug: $s) { products(first: 100) { totalCount } } }',
      { s: root.slug },
    );
    const rootCategories = await sg.prisma.products.category.findMany({
      select: { id: true, parentId: true, slug: true },
    });
    const under = new Set<string>();
    const rootId = rootCategories.find((c) => c.slug === root.slug)?.id as string;
    const walk = (id: string) => {
      under.add(id);
      for (const c of rootCategories.filter((x) => x.parentId === id)) walk(c.id);
    };
    walk(rootId);
    const expected = await sg.prisma.products.product.count({
      where: { deletedAt: null, categoryId: { in: [...under] } },
    });
    expect(rootProducts.data.category.products.totalCount).toBe(expected);
    expect((await sg.gql('{ category(slug: "no-such-category") { id } }')).data.category).toBeNull();
  });

  it('lists every brand', async () => {
    const res = await sg.gql('{ brands { id slug name } }');
    expect(res.data.brands).toHaveLength(await sg.prisma.products.brand.count());
  });
});
