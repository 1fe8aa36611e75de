import { connectionFields, dropDatabase, ensureDatabase, withDatabase } from '@storegraph/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateProduct,
  generateProducts,
  SeedError,
  type SeedProgress,
  seedBrands,
  seedCatalog,
  seedCategories,
  seedProductIds,
} from '../src/seed/index.js';

const databaseUrl = process.env.DATABASE_URL as string;
const client = new pg.Client(connectionFields(databaseUrl));

const TABLES = ['categories', 'brands', 'products', 'product_variants'] as const;

async function truncate(): Promise<void> {
  await client.query('TRUNCATE product_variants, products, categories, brands CASCADE');
}

/** md5 over every row of every catalog table, in id order. */
async function checksums(): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of TABLES) {
    const { rows } = await client.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t.id), '')) AS md5 FROM ${table} t`,
    );
    result[table] = rows[0] as { rows: number; md5: string };
  }
  return result;
}

/** md5 over the given products and their variants. */
async function productChecksum(ids: string[]): Promise<string> {
  const { rows } = await client.query<{ md5: string }>(
    `SELECT md5(
       (SELECT string_agg(p::text, E'\\n' ORDER BY p.id) FROM products p WHERE p.id = ANY($1::uuid[])) ||
       (SELECT string_agg(v::text, E'\\n' ORDER BY v.id) FROM product_variants v WHERE v.product_id = ANY($1::uuid[]))
     ) AS md5`,
    [ids],
  );
  return rows[0]?.md5 ?? '';
}

const variantCount = (count: number) => generateProducts(0, count).reduce((n, p) => n + p.variants.length, 0);

beforeAll(async () => {
  await client.connect();
  await truncate();
});

afterAll(async () => {
  await client.end();
});

describe('seedCatalog', () => {
  let afterFirstRun: Awaited<ReturnType<typeof checksums>>;

  it('writes the categories, the brands and the first N products with their variants', async () => {
    const progress: SeedProgress[] = [];
    const result = await seedCatalog({
      databaseUrl,
      products: 300,
      chunkSize: 64,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p),
    });
    const variants = variantCount(300);
    expect(result.inserted).toEqual({
      categories: seedCategories().length,
      brands: seedBrands().length,
      products: 300,
      variants,
    });
    expect(result.totals).toEqual({
      categories: seedCategories().length,
      brands: seedBrands().length,
      products: 300,
      variants,
    });
    expect(result.alreadyPresent).toBe(0);
    expect(progress.map((p) => p.done)).toEqual([64, 128, 192, 256, 300]);
    expect(progress.at(-1)).toMatchObject({ done: 300, total: 300, inserted: 300 });
    afterFirstRun = await checksums();
    expect(afterFirstRun.products?.rows).toBe(300);
  });

  it('changes nothing when run again', async () => {
    const result = await seedCatalog({ databaseUrl, products: 300 });
    expect(result.inserted).toEqual({ categories: 0, brands: 0, products: 0, variants: 0 });
    expect(result.alreadyPresent).toBe(300);
    expect(await checksums()).toEqual(afterFirstRun);
  });

  it('adds only the missing products when asked for more', async () => {
    const first300 = await productChecksum(seedProductIds(0, 300));
    const result = await seedCatalog({ databaseUrl, products: 500, chunkSize: 128 });
    expect(result.inserted.products).toBe(200);
    expect(result.inserted.variants).toBe(variantCount(500) - variantCount(300));
    expect(result.alreadyPresent).toBe(300);
    expect(result.totals.products).toBe(500);
    expect(await productChecksum(seedProductIds(0, 300))).toBe(first300);
    const after = await checksums();
    expect(after.categories).toEqual(afterFirstRun.categories);
    expect(after.brands).toEqual(afterFirstRun.brands);
  });

  it('stores exactly what the generator produces', async () => {
    const expected = generateProduct(421);
    const { rows } = await client.query(
      `SELECT id, slug, title, description, brand_id, category_id, currency_code, attributes, options, images,
              price_min_minor, price_max_minor, rating::text AS rating, review_count, created_at, updated_at, deleted_at
         FROM products WHERE id = $1`,
      [expected.id],
    );
    expect(rows[0]).toEqual({
      id: expected.id,
      slug: expected.slug,
      title: expected.title,
      description: expected.description,
      brand_id: expected.brandId,
      category_id: expected.categoryId,
      currency_code: 'USD',
      attributes: expected.attributes,
      options: expected.options,
      images: expected.images,
      price_min_minor: expected.priceMinMinor,
      price_max_minor: expected.priceMaxMinor,
      rating: expected.rating === null ? null : expected.rating.toFixed(2),
      review_count: expected.reviewCount,
      created_at: new Date(expected.createdAt),
      updated_at: new Date(expected.updatedAt),
      deleted_at: null,
    });
    const variants = await client.query(
      `SELECT id, product_id, sku, title, price_minor, compare_at_minor, selected_options, quantity_on_hand, position,
              created_at, updated_at
         FROM product_variants WHERE product_id = $1 ORDER BY position`,
      [expected.id],
    );
    expect(variants.rows).toEqual(
      expected.variants.map((v) => ({
        id: v.id,
        product_id: v.productId,
        sku: v.sku,
        title: v.title,
        price_minor: v.priceMinor,
        compare_at_minor: v.compareAtMinor,
        selected_options: v.selectedOptions,
        quantity_on_hand: v.quantityOnHand,
        position: v.position,
        created_at: new Date(v.createdAt),
        updated_at: new Date(v.updatedAt),
      })),
    );
  });

  it('writes rows that pass the CHECK constraints and keep the catalog invariants', async () => {
    const { rows: constraints } = await client.query<{ conname: string; convalidated: boolean }>(
      `SELECT conname, convalidated FROM pg_constraint
        WHERE contype = 'c' AND conrelid IN ('products'::regclass, 'product_variants'::regclass, 'categories'::regclass)`,
    );
    expect(constraints.map((c) => c.conname).sort()).toEqual([
      'categories_not_own_parent_check',
      'product_variants_price_minor_check',
      'product_variants_quantity_on_hand_check',
      'product_variants_reserved_check',
      'products_price_range_check',
      'products_rating_check',
    ]);
    expect(constraints.every((c) => c.convalidated)).toBe(true);
    const { rows } = await client.query(`
      SELECT
        (SELECT count(*) FROM products p
           WHERE p.price_min_minor <> (SELECT min(price_minor) FROM product_variants v WHERE v.product_id = p.id)
              OR p.price_max_minor <> (SELECT max(price_minor) FROM product_variants v WHERE v.product_id = p.id))::int
          AS bad_price_range,
        (SELECT count(*) FROM products p WHERE EXISTS (SELECT 1 FROM categories c WHERE c.parent_id = p.category_id))::int
          AS not_in_leaf,
        (SELECT count(*) FROM products WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' OR length(slug) > 200)::int AS bad_slugs,
        (SELECT count(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id))::int
          AS without_variants,
        (SELECT count(*) FROM products WHERE jsonb_array_length(images) NOT BETWEEN 1 AND 4)::int AS bad_images,
        (SELECT count(*) FROM product_variants WHERE quantity_on_hand = 0)::int AS out_of_stock,
        (SELECT count(*) FROM products WHERE rating IS NULL)::int AS unrated,
        (SELECT count(*) FROM products WHERE (rating IS NULL) <> (review_count = 0))::int AS bad_reviews,
        (SELECT max(depth) FROM (
           WITH RECURSIVE tree AS (
             SELECT id, 1 AS depth FROM categories WHERE parent_id IS NULL
             UNION ALL SELECT c.id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id)
           SELECT depth FROM tree) d)::int AS levels`);
    expect(rows[0]).toMatchObject({
      bad_price_range: 0,
      not_in_leaf: 0,
      bad_slugs: 0,
      without_variants: 0,
      bad_images: 0,
      bad_reviews: 0,
      levels: 3,
    });
    expect(rows[0].out_of_stock).toBeGreaterThan(0);
    expect(rows[0].unrated).toBeGreaterThan(0);
  });

  it('writes the same rows whatever the chunking and however the catalog grew', async () => {
    const grown = await checksums();
    await truncate();
    await seedCatalog({ databaseUrl, products: 500 });
    expect(await checksums()).toEqual(grown);

    await truncate();
    await seedCatalog({ databaseUrl, products: 130, chunkSize: 50 });
    const partly = await seedCatalog({ databaseUrl, products: 500, chunkSize: 64 });
    // The chunk 128..191 held 2 products already: it is completed, not skipped.
    expect(partly.inserted.products).toBe(370);
    expect(partly.alreadyPresent).toBe(130);
    expect(await checksums()).toEqual(grown);
  });

  it('lets concurrent runs finish with one copy of the catalog', async () => {
    await truncate();
    const runs = await Promise.all([
      seedCatalog({ databaseUrl, products: 250, chunkSize: 100 }),
      seedCatalog({ databaseUrl, products: 250, chunkSize: 100 }),
    ]);
    expect(runs.map((r) => r.inserted.products).sort()).toEqual([0, 250]);
    expect(runs[1]?.totals).toEqual(runs[0]?.totals);
    expect(runs[0]?.totals.products).toBe(250);
  });

  it('refuses, without writing products, when rows it did not write hold its slugs', async () => {
    await truncate();
    await client.query(
      `INSERT INTO categories (id, slug, name) VALUES ('00000000-0000-4000-8000-000000000001', 'apparel', 'Apparel')`,
    );
    const failure = seedCatalog({ databaseUrl, products: 10 });
    await expect(failure).rejects.toBeInstanceOf(SeedError);
    await expect(failure).rejects.toThrow(/rows the seed did not write .*slug.*apparel.*truncate/);
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
    expect(rows[0]?.n).toBe(0);
    await truncate();
  });

  it('explains an unreachable or unmigrated database in one line', async () => {
    const unreachable = seedCatalog({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/nowhere', products: 10 });
    await expect(unreachable).rejects.toBeInstanceOf(SeedError);
    await expect(unreachable).rejects.toThrow(/^cannot connect to the database at 127\.0\.0\.1:1\/nowhere: .+/);

    const emptyUrl = withDatabase(databaseUrl, `${connectionFields(databaseUrl).database}_unmigrated`);
    await ensureDatabase(emptyUrl);
    try {
      await expect(seedCatalog({ databaseUrl: emptyUrl, products: 10 })).rejects.toThrow(
        /relation "categories" does not exist: apply the products migrations first/,
      );
    } finally {
      await dropDatabase(emptyUrl);
    }

    await expect(seedCatalog({ databaseUrl, products: 0 })).rejects.toThrow(/from 1 to 5000000/);
    await expect(seedCatalog({ databaseUrl: 'mysql://localhost/x', products: 1 })).rejects.toThrow(
      /^invalid database URL/,
    );
  });
});
