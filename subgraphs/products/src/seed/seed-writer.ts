import { performance } from 'node:perf_hooks';
import { connectionFields } from '@storegraph/prisma';
import pg from 'pg';
import {
  generateProducts,
  MAX_SEED_PRODUCTS,
  type SeedProduct,
  seedBrands,
  seedCategories,
  seedProductIds,
} from './catalog-generator.js';

/** A failure worth one line to the operator (no stack). */
export class SeedError extends Error {
  override name = 'SeedError';
}

export interface SeedProgress {
  /** Products of the requested range handled so far (written or already present). */
  done: number;
  total: number;
  /** Products written by this run so far. */
  inserted: number;
  elapsedMs: number;
}

export interface WriteCatalogOptions {
  /** How many products the catalog should hold: the first N of the seed sequence. */
  products: number;
  /** Products per transaction. */
  chunkSize?: number;
  /** Called at most every `progressIntervalMs`, and once at the end. */
  onProgress?: (progress: SeedProgress) => void;
  progressIntervalMs?: number;
}

export interface SeedCatalogOptions extends WriteCatalogOptions {
  databaseUrl: string;
}

export interface TableCounts {
  categories: number;
  brands: number;
  products: number;
  variants: number;
}

export interface SeedResult {
  requested: number;
  /** Rows this run wrote. */
  inserted: TableCounts;
  /** Rows in the tables afterwards (seeded or not). */
  totals: TableCounts;
  /** Requested products that were already there. */
  alreadyPresent: number;
  elapsedMs: number;
}

export const DEFAULT_CHUNK_SIZE = 2500;
const DEFAULT_PROGRESS_INTERVAL_MS = 500;
/** Any constant: one seeder at a time per database. */
const SEED_LOCK_KEY = 74_317_733;

const INSERT_CATEGORIES = `
INSERT INTO categories (id, slug, name, parent_id, position, created_at)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::int[], $6::timestamptz[])
ON CONFLICT (id) DO NOTHING`;

const INSERT_BRANDS = `
INSERT INTO brands (id, slug, name, created_at)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
ON CONFLICT (id) DO NOTHING`;

/**
 * Products and their variants in one statement (so one round trip and one implicit
 * transaction per chunk). Foreign keys are checked at the end of the statement, when
 * the chunk's products exist.
 */
const INSERT_CHUNK = `
WITH product_rows AS (
  INSERT INTO products (id, slug, title, description, brand_id, category_id, currency_code, attributes, options,
                        images, price_min_minor, price_max_minor, rating, review_count, created_at, updated_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[],
                       $8::jsonb[], $9::jsonb[], $10::jsonb[], $11::int[], $12::int[], $13::numeric[], $14::int[],
                       $15::timestamptz[], $16::timestamptz[])
  ON CONFLICT (id) DO NOTHING
  RETURNING 1
), variant_rows AS (
  INSERT INTO product_variants (id, product_id, sku, title, price_minor, compare_at_minor, selected_options,
                                quantity_on_hand, position, created_at, updated_at)
  SELECT * FROM unnest($17::uuid[], $18::uuid[], $19::text[], $20::text[], $21::int[], $22::int[], $23::jsonb[],
                       $24::int[], $25::int[], $26::timestamptz[], $27::timestamptz[])
  ON CONFLICT (id) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM product_rows)::int AS products, (SELECT count(*) FROM variant_rows)::int AS variants`;

export function assertProductCount(products: number): void {
  if (!Number.isInteger(products) || products < 1 || products > MAX_SEED_PRODUCTS) {
    throw new SeedError(`the product count must be an integer from 1 to ${MAX_SEED_PRODUCTS}, got ${products}`);
  }
}

async function countIds(client: pg.ClientBase, table: string, ids: string[]): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows[0]?.n ?? 0;
}

async function inTransaction<T>(client: pg.ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function writeCategoriesAndBrands(client: pg.ClientBase): Promise<Pick<TableCounts, 'categories' | 'brands'>> {
  const categories = seedCategories();
  const brands = seedBrands();
  const categoryIds = categories.map((c) => c.id);
  const brandIds = brands.map((b) => b.id);
  const present =
    (await countIds(client, 'categories', categoryIds)) === categories.length &&
    (await countIds(client, 'brands', brandIds)) === brands.length;
  if (present) return { categories: 0, brands: 0 };
  return inTransaction(client, async () => {
    const c = await client.query(INSERT_CATEGORIES, [
      categoryIds,
      categories.map((x) => x.slug),
      categories.map((x) => x.name),
      categories.map((x) => x.parentId),
      categories.map((x) => x.position),
      categories.map((x) => x.createdAt),
    ]);
    const b = await client.query(INSERT_BRANDS, [
      brandIds,
      brands.map((x) => x.slug),
      brands.map((x) => x.name),
      brands.map((x) => x.createdAt),
    ]);
    return { categories: c.rowCount ?? 0, brands: b.rowCount ?? 0 };
  });
}

/** The 27 column arrays of INSERT_CHUNK. */
function chunkParameters(products: readonly SeedProduct[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 27 }, () => []);
  const push = (offset: number, values: unknown[]) => {
    for (let i = 0; i < values.length; i++) columns[offset + i]?.push(values[i]);
  };
  for (const p of products) {
    push(0, [
      p.id,
      p.slug,
      p.title,
      p.description,
      p.brandId,
      p.categoryId,
      p.currencyCode,
      JSON.stringify(p.attributes),
      JSON.stringify(p.options),
      JSON.stringify(p.images),
      p.priceMinMinor,
      p.priceMaxMinor,
      p.rating === null ? null : p.rating.toFixed(2),
      p.reviewCount,
      p.createdAt,
      p.updatedAt,
    ]);
    for (const v of p.variants) {
      push(16, [
        v.id,
        v.productId,
        v.sku,
        v.title,
        v.priceMinor,
        v.compareAtMinor,
        JSON.stringify(v.selectedOptions),
        v.quantityOnHand,
        v.position,
        v.createdAt,
        v.updatedAt,
      ]);
    }
  }
  return columns;
}

interface Written {
  products: number;
  variants: number;
}

async function insertChunk(client: pg.ClientBase, products: readonly SeedProduct[]): Promise<Written> {
  const { rows } = await client.query<Written>(INSERT_CHUNK, chunkParameters(products));
  return rows[0] ?? { products: 0, variants: 0 };
}

const GENERATION_SLICE = 250;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Products [start, end), generated a slice at a time with a turn of the event loop
 * in between, so the previous chunk's statement streams to the server and its reply
 * is read while this one is being built.
 */
async function generateChunk(start: number, end: number): Promise<SeedProduct[]> {
  const products: SeedProduct[] = [];
  for (let i = start; i < end; i += GENERATION_SLICE) {
    for (const product of generateProducts(i, Math.min(end, i + GENERATION_SLICE))) products.push(product);
    await nextTurn();
  }
  return products;
}

export async function countTables(client: pg.ClientBase): Promise<TableCounts> {
  const { rows } = await client.query<TableCounts>(`
    SELECT (SELECT count(*) FROM categories)::int AS categories,
           (SELECT count(*) FROM brands)::int AS brands,
           (SELECT count(*) FROM products)::int AS products,
           (SELECT count(*) FROM product_variants)::int AS variants`);
  const counts = rows[0];
  if (!counts) throw new Error('counting the catalog returned no row');
  return counts;
}

/**
 * Makes the catalog hold the first `products` products of the seed (and all seed
 * categories and brands), writing only what is missing. Chunks whose products are
 * all present are skipped after one count; the others are inserted with
 * ON CONFLICT (id) DO NOTHING, products and variants of a chunk in one statement,
 * so a chunk is written whole or not at all. Running it again changes nothing;
 * asking for more adds just the difference. While the server stores one chunk,
 * the next is generated.
 */
export async function writeCatalog(client: pg.ClientBase, options: WriteCatalogOptions): Promise<SeedResult> {
  assertProductCount(options.products);
  const started = performance.now();
  const total = options.products;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new SeedError('the chunk size must be a positive integer');
  const interval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  const inserted: TableCounts = { categories: 0, brands: 0, products: 0, variants: 0 };
  let alreadyPresent = 0;
  let done = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  const report = () => {
    const now = performance.now();
    if (!options.onProgress || (done < total && now - lastReport < interval)) return;
    lastReport = now;
    options.onProgress({ done, total, inserted: inserted.products, elapsedMs: now - started });
  };

  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_KEY]);
    const { rows } = await client.query<{ value: string }>(`SELECT current_setting('synchronous_commit') AS value`);
    // Every chunk can be written again, so losing the last commits in a crash costs nothing.
    await client.query(`SELECT set_config('synchronous_commit', 'off', false)`);
    try {
      Object.assign(inserted, await writeCategoriesAndBrands(client));

      // Counts first: which chunks are already complete.
      const missing: Array<{ start: number; end: number }> = [];
      for (let start = 0; start < total; start += chunkSize) {
        const end = Math.min(total, start + chunkSize);
        const present = await countIds(client, 'products', seedProductIds(start, end));
        alreadyPresent += present;
        if (present === end - start) {
          done += present;
          report();
        } else {
          missing.push({ start, end });
        }
      }

      // At most two chunks in memory: the one being stored and the one being generated.
      let inFlight: { size: number; write: Promise<Written> } | undefined;
      const settle = async () => {
        if (!inFlight) return;
        const written = await inFlight.write;
        inserted.products += written.products;
        inserted.variants += written.variants;
        done += inFlight.size;
        inFlight = undefined;
        report();
      };
      for (const chunk of missing) {
        const products = await generateChunk(chunk.start, chunk.end);
        await settle();
        const write = insertChunk(client, products);
        // Awaited by the next settle(); handled now so a failure is not reported as unhandled meanwhile.
        write.catch(() => undefined);
        inFlight = { size: chunk.end - chunk.start, write };
      }
      await settle();
      if (inserted.products > 0) await client.query('ANALYZE products, product_variants');
    } finally {
      await client
        .query(`SELECT set_config('synchronous_commit', $1, false)`, [rows[0]?.value ?? 'on'])
        .catch(() => undefined);
      await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_KEY]).catch(() => undefined);
    }
    const totals = await countTables(client);
    return { requested: total, inserted, totals, alreadyPresent, elapsedMs: performance.now() - started };
  } catch (error) {
    throw explainDatabaseError(error);
  }
}

/** Where a URL points, without credentials: host:port/database. */
export function describeTarget(databaseUrl: string): string {
  const fields = connectionFields(databaseUrl);
  return `${fields.host}:${fields.port}/${fields.database}`;
}

/** The message of an error, looking inside the AggregateError Node raises for multi-address connects. */
export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const first: unknown = error.errors[0];
    return errorMessage(first);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}

function explainDatabaseError(error: unknown): Error {
  if (error instanceof SeedError) return error;
  const pgError = error as { code?: string; constraint?: string; detail?: string; table?: string };
  switch (pgError.code) {
    case '23505':
      return new SeedError(
        `the catalog holds rows the seed did not write (${pgError.detail ?? pgError.constraint ?? 'duplicate key'}); seed into an empty catalog or truncate it first`,
      );
    case '42P01':
      return new SeedError(`${errorMessage(error)}: apply the products migrations first`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

/** Connects to `databaseUrl`, makes the catalog hold the requested products, disconnects. */
export async function seedCatalog(options: SeedCatalogOptions): Promise<SeedResult> {
  assertProductCount(options.products);
  let target: string;
  let config: pg.ClientConfig;
  try {
    target = describeTarget(options.databaseUrl);
    config = { ...connectionFields(options.databaseUrl), connectionTimeoutMillis: 10_000 };
  } catch (error) {
    throw new SeedError(`invalid database URL: ${errorMessage(error)}`);
  }
  const client = new pg.Client({ ...config, application_name: 'storegraph-seed' });
  // A dropped connection is reported by the failing query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new SeedError(`cannot connect to the database at ${target}: ${errorMessage(error)}`);
  }
  try {
    return await writeCatalog(client, options);
  } finally {
    await client.end().catch(() => undefined);
  }
}
