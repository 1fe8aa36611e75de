import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { createProductsServer } from '../src/server.js';
import { resetCatalog } from './catalog-fixture.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let url: string;
let stop: () => Promise<void>;

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

beforeAll(async () => {
  await resetCatalog(prisma, [
    {
      slug: 'oxford-shirt',
      title: 'Oxford Shirt',
      categorySlug: 'shirts',
      brandSlug: 'acme',
      createdAt: day(1),
      rating: 4.5,
      variants: [
        { sku: 'OX-S', priceMinor: 4999, quantityOnHand: 3, options: { Size: 'S' } },
        { sku: 'OX-M', priceMinor: 5499, quantityOnHand: 0, options: { Size: 'M' } },
      ],
    },
    {
      slug: 'linen-tee',
      title: 'Linen Tee',
      categorySlug: 'tops',
      brandSlug: 'globex',
      createdAt: day(2),
      rating: 3.9,
      variants: [{ sku: 'LT-1', priceMinor: 1999, quantityOnHand: 0 }],
    },
    {
      slug: 'trail-runner',
      title: 'Trail Runner',
      categorySlug: 'footwear',
      createdAt: day(3),
      rating: null,
      variants: [{ sku: 'TR-1', priceMinor: 12000, quantityOnHand: 9 }],
    },
    {
      slug: 'retired-hat',
      title: 'Retired Hat',
      categorySlug: 'apparel',
      createdAt: day(4),
      deleted: true,
      variants: [{ sku: 'RH-1', priceMinor: 999, quantityOnHand: 1 }],
    },
  ]);
  const service = await createProductsServer({ logger: silentLogger(), prisma, mediaBaseUrl: 'http://media.test' });
  ({ url } = await service.listen(0));
  stop = () => service.stop();
});

afterAll(async () => {
  await stop();
});

describe('products', () => {
  it('pages by creation date with cursors, hiding soft-deleted products', async () => {
    const first = await gql('{ products(first: 2) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } }');
    expect(first.errors).toBeUndefined();
    expect(first.data.products.totalCount).toBe(3);
    expect(first.data.products.nodes.map((n: { slug: string }) => n.slug)).toEqual(['oxford-shirt', 'linen-tee']);
    expect(first.data.products.pageInfo.hasNextPage).toBe(true);
    const next = await gql(
      'query($after: String) { products(first: 2, after: $after) { nodes { slug } pageInfo { hasNextPage hasPreviousPage } } }',
      {
        after: first.data.products.pageInfo.endCursor,
      },
    );
    expect(next.data.products.nodes.map((n: { slug: string }) => n.slug)).toEqual(['trail-runner']);
    expect(next.data.products.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('sorts by price, title and rating, in both directions', async () => {
    const slugs = async (args: string) =>
      (await gql(`{ products(${args}) { nodes { slug } } }`)).data.products.nodes.map((n: { slug: string }) => n.slug);
    expect(await slugs('sortKey: PRICE')).toEqual(['linen-tee', 'oxford-shirt', 'trail-runner']);
    expect(await slugs('sortKey: PRICE, reverse: true')).toEqual(['trail-runner', 'oxford-shirt', 'linen-tee']);
    expect(await slugs('sortKey: TITLE')).toEqual(['linen-tee', 'oxford-shirt', 'trail-runner']);
    expect(await slugs('sortKey: RATING, reverse: true')).toEqual(['oxford-shirt', 'linen-tee', 'trail-runner']);
  });

  it('derives money, price range and availability from the variants', async () => {
    const res = await gql(`{ product(slug: "oxford-shirt") {
      priceRange { min { amount currencyCode } max { amount } } availableForSale rating
      brand { name } category { slug parent { slug parent { slug } } }
      images { url }
      variants { sku price { amount } quantityAvailable availableForSale selectedOptions { name value } }
    } }`);
    expect(res.errors).toBeUndefined();
    const p = res.data.product;
    expect(p.priceRange).toEqual({ min: { amount: '49.99', currencyCode: 'USD' }, max: { amount: '54.99' } });
    expect(p.availableForSale).toBe(true);
    expect(p.brand.name).toBe('Acme');
    expect(p.category).toEqual({ slug: 'shirts', parent: { slug: 'tops', parent: { slug: 'apparel' } } });
    expect(p.images[0].url).toBe('http://media.test/products/oxford-shirt/1.svg');
    expect(p.variants).toEqual([
      {
        sku: 'OX-S',
        price: { amount: '49.99' },
        quantityAvailable: 3,
        availableForSale: true,
        selectedOptions: [{ name: 'Size', value: 'S' }],
      },
      {
        sku: 'OX-M',
        price: { amount: '54.99' },
        quantityAvailable: 0,
        availableForSale: false,
        selectedOptions: [{ name: 'Size', value: 'M' }],
      },
    ]);
    const soldOut = await gql('{ product(slug: "linen-tee") { availableForSale } }');
    expect(soldOut.data.product.availableForSale).toBe(false);
  });

  it('lists a category with its descendants, and the tree from the roots', async () => {
    const res =
      await gql(`{ category(slug: "apparel") { products { totalCount nodes { slug } } children { slug children { slug } } }
      categories { slug } brands { slug } }`);
    expect(res.data.category.products.totalCount).toBe(2);
    expect(res.data.category.products.nodes.map((n: { slug: string }) => n.slug).sort()).toEqual([
      'linen-tee',
      'oxford-shirt',
    ]);
    expect(res.data.category.children).toEqual([{ slug: 'tops', children: [{ slug: 'shirts' }] }]);
    expect(res.data.categories.map((c: { slug: string }) => c.slug)).toEqual(['apparel', 'footwear']);
    expect(res.data.brands.map((b: { slug: string }) => b.slug)).toEqual(['acme', 'globex']);
  });

  it('resolves soft-deleted products by id for order history but not by slug or in lists', async () => {
    const id = (await prisma.product.findUniqueOrThrow({ where: { slug: 'retired-hat' } })).id;
    const bySlug = await gql('{ product(slug: "retired-hat") { id } }');
    expect(bySlug.data.product).toBeNull();
    const entity = await gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { slug availableForSale } } }',
      {
        r: [{ __typename: 'Product', id }],
      },
    );
    expect(entity.data._entities).toEqual([{ slug: 'retired-hat', availableForSale: false }]);
  });

  it('refuses bad input with BAD_USER_INPUT and no internals', async () => {
    const tooMany = await gql('{ products(first: 101) { nodes { id } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await gql('{ products(after: "bm90LWEtY3Vyc29y") { nodes { id } } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const first = await gql('{ products(first: 1) { pageInfo { endCursor } } }');
    const wrongSort = await gql('query($a: String) { products(sortKey: PRICE, after: $a) { nodes { id } } }', {
      a: first.data.products.pageInfo.endCursor,
    });
    expect(wrongSort.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notUuid = await gql('{ product(id: "1; DROP TABLE products") { id } }');
    expect(notUuid.errors).toBeUndefined();
    expect(notUuid.data.product).toBeNull();
    const typo = await gql('{ prodcts { id } }');
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
  });
});
