import { randomUUID } from 'node:crypto';
import { type CatalogEvent, captureTraceContext, type ProductDocument } from '@storegraph/events';
import type { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from './prisma-client.js';

/** A Prisma client or the transaction client of `$transaction(async (tx) => …)`. */
export type Db = PrismaClient | Prisma.TransactionClient;

type Change = 'created' | 'updated' | 'price_changed' | 'stock_changed';

/** Search documents of these products (deleted ones included), with brand, category path and variants. */
export async function productDocuments(db: Db, productIds: string[]): Promise<ProductDocument[]> {
  if (productIds.length === 0) return [];
  const products = await db.product.findMany({
    where: { id: { in: productIds } },
    include: { brand: true, variants: { orderBy: { position: 'asc' } } },
    orderBy: { id: 'asc' },
  });
  // Only the categories on these products' paths (every stock change of a checkout
  // comes here, inside its transaction: reading the whole tree each time showed in W4).
  const categoryIds = [...new Set(products.map((p) => p.categoryId))];
  const categories = new Map(
    (
      await db.$queryRaw<Array<{ id: string; slug: string; name: string; parentId: string | null }>>`
        WITH RECURSIVE path AS (
          SELECT id, slug, name, parent_id FROM categories WHERE id = ANY(${categoryIds}::uuid[])
          UNION
          SELECT c.id, c.slug, c.name, c.parent_id FROM categories c JOIN path ON c.id = path.parent_id
        )
        SELECT id::text AS id, slug, name, parent_id::text AS "parentId" FROM path`
    ).map((c) => [c.id, c]),
  );
  const pathOf = (id: string) => {
    const path: Array<{ id: string; slug: string; name: string }> = [];
    const seen = new Set<string>();
    for (let c = categories.get(id); c && !seen.has(c.id); c = c.parentId ? categories.get(c.parentId) : undefined) {
      seen.add(c.id);
      path.unshift({ id: c.id, slug: c.slug, name: c.name });
    }
    return path;
  };
  return products.map((p) => ({
    productId: p.id,
    version: Number(p.version),
    slug: p.slug,
    title: p.title,
    description: p.description,
    brand: p.brand ? { id: p.brand.id, slug: p.brand.slug, name: p.brand.name } : null,
    categoryPath: pathOf(p.categoryId),
    currencyCode: p.currencyCode,
    attributes: p.attributes as ProductDocument['attributes'],
    options: p.options as ProductDocument['options'],
    priceMinMinor: p.priceMinMinor,
    priceMaxMinor: p.priceMaxMinor,
    rating: p.rating === null ? null : Number(p.rating),
    reviewCount: p.reviewCount,
    variants: p.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      title: v.title,
      priceMinor: v.priceMinor,
      compareAtMinor: v.compareAtMinor,
      quantityAvailable: p.deletedAt ? 0 : Math.max(0, v.quantityOnHand - v.quantityReserved),
      selectedOptions: v.selectedOptions as ProductDocument['variants'][number]['selectedOptions'],
    })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }));
}

async function insertEvent(db: Db, aggregateId: string, event: CatalogEvent): Promise<string> {
  const id = randomUUID();
  await db.outboxEvent.create({
    data: { id, type: event.type, aggregateId, payload: event, traceContext: captureTraceContext() },
  });
  return id;
}

/**
 * Records that products changed: bumps each product's version and writes one
 * ProductUpsertedV1 per product to the outbox. Call it inside the transaction that
 * made the change, so the change and its event commit together or not at all.
 */
export async function recordProductsChanged(db: Db, productIds: string[], change: Change): Promise<string[]> {
  const ids = [...new Set(productIds)].sort();
  if (ids.length === 0) return [];
  await db.product.updateMany({ where: { id: { in: ids } }, data: { version: { increment: 1 } } });
  const documents = await productDocuments(db, ids);
  const eventIds: string[] = [];
  for (const product of documents) {
    eventIds.push(await insertEvent(db, product.productId, { type: 'ProductUpsertedV1', change, product }));
  }
  return eventIds;
}

/** Records a soft delete (inside its transaction): bumps the version, writes ProductDeletedV1. */
export async function recordProductDeleted(db: Db, productId: string): Promise<string> {
  const updated = await db.product.update({
    where: { id: productId },
    data: { version: { increment: 1 } },
    select: { version: true },
  });
  return insertEvent(db, productId, { type: 'ProductDeletedV1', productId, version: Number(updated.version) });
}
