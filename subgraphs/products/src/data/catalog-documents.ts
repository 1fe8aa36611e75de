import { randomUUID } from 'node:crypto';
import { type CatalogEvent, captureTraceContext, type ProductDocument } from '@storegraph/events';
import type { RawSql } from '@storegraph/prisma';
import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from './prisma-client.js';

/** A Prisma client or the transaction client of `$transaction(async (tx) => …)`. */
export type Db = PrismaClient | Prisma.TransactionClient;

type Change = 'created' | 'updated' | 'price_changed' | 'stock_changed';

/**
 * The search document of each row of `products` (a table expression named `p`, or the
 * RETURNING rows of an UPDATE of products, which the same statement cannot read back
 * from the table), as one jsonb per product: brand, category path (root first, only
 * the categories on it) and variants in position order, built by Postgres in the
 * statement that reads or writes them. One definition serves the export, the bench
 * fixtures and every event (`recordProductsChanged`); the shape is `ProductDocument`.
 */
const documentOf = (p: Prisma.Sql) => Prisma.sql`jsonb_build_object(
    'productId', ${p}.id::text,
    'version', ${p}.version,
    'slug', ${p}.slug,
    'title', ${p}.title,
    'description', ${p}.description,
    'brand', (SELECT jsonb_build_object('id', b.id::text, 'slug', b.slug, 'name', b.name)
              FROM brands b WHERE b.id = ${p}.brand_id),
    'categoryPath', (
      WITH RECURSIVE path AS (
        SELECT c.id, c.slug, c.name, c.parent_id, 0 AS depth FROM categories c WHERE c.id = ${p}.category_id
        UNION ALL
        SELECT c.id, c.slug, c.name, c.parent_id, path.depth + 1
        FROM categories c JOIN path ON c.id = path.parent_id
        WHERE path.depth < ${MAX_CATEGORY_DEPTH}
      )
      SELECT coalesce(jsonb_agg(jsonb_build_object('id', path.id::text, 'slug', path.slug, 'name', path.name)
                                ORDER BY path.depth DESC), '[]'::jsonb)
      FROM path),
    'currencyCode', ${p}.currency_code,
    'attributes', ${p}.attributes,
    'options', ${p}.options,
    'priceMinMinor', ${p}.price_min_minor,
    'priceMaxMinor', ${p}.price_max_minor,
    'rating', ${p}.rating,
    'reviewCount', ${p}.review_count,
    'variants', (
      SELECT coalesce(jsonb_agg(jsonb_build_object(
               'id', v.id::text,
               'sku', v.sku,
               'title', v.title,
               'priceMinor', v.price_minor,
               'compareAtMinor', v.compare_at_minor,
               'quantityAvailable', CASE WHEN ${p}.deleted_at IS NOT NULL THEN 0
                                         ELSE greatest(0, v.quantity_on_hand - v.quantity_reserved) END,
               'selectedOptions', v.selected_options)
             ORDER BY v.position, v.id), '[]'::jsonb)
      FROM product_variants v WHERE v.product_id = ${p}.id),
    'createdAt', to_char(${p}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'updatedAt', to_char(${p}.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/** Deeper than any real tree: a parent cycle written by hand cannot make the path endless. */
const MAX_CATEGORY_DEPTH = 32;

/** Search documents of these products (deleted ones included), in product id order. */
export async function productDocuments(db: Db, productIds: string[]): Promise<ProductDocument[]> {
  if (productIds.length === 0) return [];
  const rows = await db.$queryRaw<Array<{ document: ProductDocument }>>`
    SELECT ${documentOf(Prisma.sql`p`)} AS document
    FROM products p WHERE p.id = ANY(${productIds}::uuid[])
    ORDER BY p.id`;
  return rows.map((row) => row.document);
}

async function insertEvent(db: Db, aggregateId: string, event: CatalogEvent): Promise<string> {
  const id = randomUUID();
  await db.outboxEvent.create({
    data: { id, type: event.type, aggregateId, payload: event, traceContext: captureTraceContext() },
  });
  return id;
}

/**
 * Records that products changed: locks them in id order, bumps each one's version and
 * writes one ProductUpsertedV1 per product to the outbox. Call it inside the transaction that
 * made the change, so the change and its event commit together or not at all.
 */
export async function recordProductsChanged(db: RawSql, productIds: string[], change: Change): Promise<string[]> {
  const ids = [...new Set(productIds)].sort();
  if (ids.length === 0) return [];
  // One statement: the products locked in id order (concurrent changes of several
  // products queue instead of deadlocking), the version bump, each product's document
  // (from the bumped rows) and its event. Every stock change of a checkout comes here.
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    WITH locked AS (
      SELECT id FROM products WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE
    ), bumped AS (
      UPDATE products p SET version = p.version + 1, updated_at = now()
      FROM locked WHERE p.id = locked.id
      RETURNING p.*
    )
    INSERT INTO outbox_events (id, type, aggregate_id, payload, trace_context)
    SELECT gen_random_uuid(), 'ProductUpsertedV1', bumped.id,
           jsonb_build_object('type', 'ProductUpsertedV1', 'change', ${change}::text,
                              'product', ${documentOf(Prisma.sql`bumped`)}),
           ${traceContextJson()}::jsonb
    FROM bumped
    ORDER BY bumped.id
    RETURNING id::text AS id`;
  return rows.map((row) => row.id);
}

/** The current trace context as jsonb text for an outbox row (null outside a trace). */
const traceContextJson = () => {
  const context = captureTraceContext();
  return context === null || context === undefined ? null : JSON.stringify(context);
};

/** Records a soft delete (inside its transaction): bumps the version, writes ProductDeletedV1. */
export async function recordProductDeleted(db: Db, productId: string): Promise<string> {
  const updated = await db.product.update({
    where: { id: productId },
    data: { version: { increment: 1 } },
    select: { version: true },
  });
  return insertEvent(db, productId, { type: 'ProductDeletedV1', productId, version: Number(updated.version) });
}
