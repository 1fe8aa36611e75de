import type { CatalogEventEnvelope, ProductDocument } from '@storegraph/events';
import { DOCUMENTS_CHANNEL } from '../engine/doc-values-channel.js';
import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from './prisma-client.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** The columns a document fills (everything but the generated search vector). */
export const DOCUMENT_COLUMNS = [
  'product_id',
  'version',
  'deleted',
  'slug',
  'title',
  'description',
  'brand_id',
  'brand_slug',
  'brand_name',
  'category_ids',
  'category_slugs',
  'category_names',
  'currency_code',
  'price_min_minor',
  'price_max_minor',
  'variant_prices',
  'in_stock',
  'rating',
  'review_count',
  'popularity',
  'attributes',
  'attribute_pairs',
  'document',
  'created_at',
  'updated_at',
  'indexed_at',
] as const;

/** Product attributes and variant options as [{ name, value }], each pair once. */
function attributesOf(doc: ProductDocument): Array<{ name: string; value: string }> {
  const seen = new Set<string>();
  const out: Array<{ name: string; value: string }> = [];
  const add = (name: string, value: string) => {
    const key = `${name.toLowerCase()}=${value.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name, value });
  };
  for (const a of doc.attributes) add(a.name, a.value);
  for (const v of doc.variants) for (const o of v.selectedOptions) add(o.name, o.value);
  return out;
}

/** One document as the row the table holds (JSON-ready). */
function rowOf(doc: ProductDocument) {
  const attributes = attributesOf(doc);
  return {
    product_id: doc.productId,
    version: doc.version,
    deleted: false,
    slug: doc.slug,
    title: doc.title,
    description: doc.description,
    brand_id: doc.brand?.id ?? null,
    brand_slug: doc.brand?.slug ?? null,
    brand_name: doc.brand?.name ?? null,
    category_ids: doc.categoryPath.map((c) => c.id),
    category_slugs: doc.categoryPath.map((c) => c.slug),
    category_names: doc.categoryPath.map((c) => c.name),
    currency_code: doc.currencyCode,
    price_min_minor: doc.priceMinMinor,
    price_max_minor: doc.priceMaxMinor,
    variant_prices: doc.variants.map((v) => v.priceMinor),
    in_stock: doc.variants.some((v) => v.quantityAvailable > 0),
    rating: doc.rating,
    review_count: doc.reviewCount,
    popularity: doc.reviewCount,
    attributes,
    attribute_pairs: attributes.map((a) => `${a.name.toLowerCase()}=${a.value.toLowerCase()}`),
    document: doc,
    created_at: doc.createdAt,
    updated_at: doc.updatedAt,
  };
}

/**
 * Writes many documents in one statement (for reindexing), with the same rule as
 * upsertDocument: a row changes only for a newer version.
 */
export async function upsertDocuments(db: Db, docs: ProductDocument[], table = 'search_documents'): Promise<number> {
  if (docs.length === 0) return 0;
  const target = Prisma.raw(table);
  return db.$executeRaw`
    INSERT INTO ${target} (${Prisma.raw(DOCUMENT_COLUMNS.join(', '))})
    SELECT product_id, version, deleted, slug, title, description, brand_id, brand_slug, brand_name,
           category_ids, category_slugs, category_names, currency_code, price_min_minor, price_max_minor,
           variant_prices, in_stock, rating, review_count, popularity, attributes, attribute_pairs, document,
           created_at, updated_at, now()
    FROM jsonb_to_recordset(${JSON.stringify(docs.map(rowOf))}::jsonb) AS r(
      product_id uuid, version bigint, deleted boolean, slug text, title text, description text,
      brand_id uuid, brand_slug text, brand_name text, category_ids uuid[], category_slugs text[],
      category_names text[], currency_code text, price_min_minor int, price_max_minor int,
      variant_prices int[], in_stock boolean, rating numeric, review_count int, popularity int,
      attributes jsonb, attribute_pairs text[], document jsonb, created_at timestamptz, updated_at timestamptz)
    ON CONFLICT (product_id) DO UPDATE SET ${UPDATE_FROM_EXCLUDED}
    WHERE ${target}.version < EXCLUDED.version`;
}

function rowSql(doc: ProductDocument, table: Prisma.Sql): Prisma.Sql {
  const attributes = attributesOf(doc);
  const pairs = attributes.map((a) => `${a.name.toLowerCase()}=${a.value.toLowerCase()}`);
  const prices = doc.variants.map((v) => v.priceMinor);
  return Prisma.sql`
    INSERT INTO ${table} (${Prisma.raw(DOCUMENT_COLUMNS.join(', '))})
    VALUES (
      ${doc.productId}::uuid, ${doc.version}::bigint, false, ${doc.slug}, ${doc.title}, ${doc.description},
      ${doc.brand?.id ?? null}::uuid, ${doc.brand?.slug ?? null}, ${doc.brand?.name ?? null},
      ${doc.categoryPath.map((c) => c.id)}::uuid[], ${doc.categoryPath.map((c) => c.slug)}::text[],
      ${doc.categoryPath.map((c) => c.name)}::text[],
      ${doc.currencyCode}, ${doc.priceMinMinor}::int, ${doc.priceMaxMinor}::int, ${prices}::int[],
      ${doc.variants.some((v) => v.quantityAvailable > 0)}, ${doc.rating}::numeric, ${doc.reviewCount}::int,
      ${doc.reviewCount}::int, ${JSON.stringify(attributes)}::jsonb, ${pairs}::text[], ${JSON.stringify(doc)}::jsonb,
      ${doc.createdAt}::timestamptz, ${doc.updatedAt}::timestamptz, now()
    )`;
}

const UPDATE_FROM_EXCLUDED = Prisma.raw(
  DOCUMENT_COLUMNS.filter((c) => c !== 'product_id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', '),
);

/**
 * Writes a document when it is newer than the one held (by catalog version), so
 * events applied late or twice never roll a product back. Returns true when the
 * product was not known before (its words then count towards the search terms).
 */
export async function upsertDocument(db: Db, doc: ProductDocument, table = 'search_documents'): Promise<boolean> {
  const target = Prisma.raw(table);
  const rows = await db.$queryRaw<Array<{ inserted: boolean }>>`
    ${rowSql(doc, target)}
    ON CONFLICT (product_id) DO UPDATE SET ${UPDATE_FROM_EXCLUDED}
    WHERE ${target}.version < EXCLUDED.version
    RETURNING (xmax = 0) AS inserted`;
  return rows[0]?.inserted ?? false;
}

/** Adds the words of a new document's title, brand and categories to the search terms. */
export async function addTerms(db: Db, doc: ProductDocument): Promise<void> {
  const text = [doc.title, doc.brand?.name ?? '', ...doc.categoryPath.map((c) => c.name)].join(' ');
  await db.$executeRaw`
    INSERT INTO search_terms (term, documents)
    SELECT lexeme, 1 FROM unnest(tsvector_to_array(to_tsvector('simple', search_fold(${text})))) AS lexeme
    WHERE length(lexeme) >= 3
    ON CONFLICT (term) DO UPDATE SET documents = search_terms.documents + 1`;
}

/** Marks a product deleted (a tombstone newer than any document it had). */
export async function tombstone(db: Db, productId: string, version: number): Promise<void> {
  await db.$executeRaw`
    UPDATE search_documents SET deleted = true, version = ${version}::bigint, indexed_at = now()
    WHERE product_id = ${productId}::uuid AND version < ${version}::bigint`;
}

/**
 * Applies one catalog event exactly once (by event id), in order per product (by
 * version). Safe to call again with the same envelope.
 */
export async function applyCatalogEvent(
  prisma: PrismaClient,
  envelope: CatalogEventEnvelope,
): Promise<'applied' | 'duplicate'> {
  return prisma.$transaction(async (tx) => {
    const fresh = await tx.$executeRaw`
      INSERT INTO applied_events (event_id) VALUES (${envelope.id}::uuid) ON CONFLICT DO NOTHING`;
    if (fresh === 0) return 'duplicate';
    const event = envelope.event;
    if (event.type === 'ProductUpsertedV1') {
      if (await upsertDocument(tx, event.product)) await addTerms(tx, event.product);
    } else {
      // A delete of a product never seen still leaves a tombstone, so a late upsert cannot revive it.
      await tx.$executeRaw`
        INSERT INTO search_documents (product_id, version, deleted, slug, title, description, currency_code,
          price_min_minor, price_max_minor, in_stock, document, created_at, updated_at)
        VALUES (${event.productId}::uuid, ${event.version}::bigint, true, '', '', '', 'XXX', 0, 0, false, '{}'::jsonb, now(), now())
        ON CONFLICT (product_id) DO NOTHING`;
      await tombstone(tx, event.productId, event.version);
    }
    // Delivered at commit: doc values (engine/doc-values-sync.ts) re-read the product.
    const productId = event.type === 'ProductUpsertedV1' ? event.product.productId : event.productId;
    await tx.$executeRaw`SELECT pg_notify(${DOCUMENTS_CHANNEL}, ${productId}::uuid::text)`;
    return 'applied';
  });
}
