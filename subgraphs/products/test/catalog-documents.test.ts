import { ProductDocument, ProductUpsertedV1 } from '@storegraph/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productDocuments, recordProductsChanged } from '../src/data/catalog-documents.js';
import { createPrismaClient, type PrismaClient } from '../src/data/prisma-client.js';
import { resetCatalog } from './catalog-fixture.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);

/**
 * The document as the Prisma models read it, field by field: what Postgres builds in
 * one statement must be exactly this.
 */
async function expectedDocuments(db: PrismaClient, ids: string[]) {
  const products = await db.product.findMany({
    where: { id: { in: ids } },
    include: { brand: true, variants: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
    orderBy: { id: 'asc' },
  });
  const categories = new Map((await db.category.findMany()).map((c) => [c.id, c]));
  const pathOf = (id: string) => {
    const path: Array<{ id: string; slug: string; name: string }> = [];
    for (let c = categories.get(id); c; c = c.parentId ? categories.get(c.parentId) : undefined) {
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
    attributes: p.attributes,
    options: p.options,
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
      selectedOptions: v.selectedOptions,
    })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }));
}

let ids: string[];

beforeAll(async () => {
  const createdAt = new Date('2026-03-04T05:06:07.089Z');
  await resetCatalog(prisma, [
    {
      slug: 'documents-shirt',
      title: 'Oxford Shirt',
      categorySlug: 'shirts',
      brandSlug: 'acme',
      createdAt,
      rating: 4.5,
      variants: [
        { sku: 'DOC-S', priceMinor: 2999, quantityOnHand: 5, options: { Size: 'S' } },
        { sku: 'DOC-M', priceMinor: 3199, quantityOnHand: 2, options: { Size: 'M' } },
        { sku: 'DOC-L', priceMinor: 3399, quantityOnHand: 0, options: { Size: 'L' } },
      ],
    },
    {
      slug: 'documents-boot',
      title: 'Trail Boot',
      categorySlug: 'footwear',
      createdAt,
      rating: null,
      variants: [{ sku: 'DOC-BOOT', priceMinor: 12000, quantityOnHand: 3 }],
    },
    {
      slug: 'documents-gone',
      title: 'Retired Tee',
      categorySlug: 'tops',
      brandSlug: 'globex',
      createdAt,
      deleted: true,
      variants: [{ sku: 'DOC-GONE', priceMinor: 1500, quantityOnHand: 9 }],
    },
  ]);
  // Units held by a checkout count against what is available.
  await prisma.productVariant.update({ where: { sku: 'DOC-S' }, data: { quantityReserved: 2 } });
  await prisma.productVariant.update({ where: { sku: 'DOC-M' }, data: { compareAtMinor: 3999 } });
  ids = (await prisma.product.findMany({ select: { id: true } })).map((p) => p.id);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('product documents', () => {
  it('are built by Postgres exactly as the models read them: brand, root-first path, variants in order, stock', async () => {
    const documents = await productDocuments(prisma, ids);
    expect(documents).toEqual(await expectedDocuments(prisma, ids));
    for (const document of documents) ProductDocument.parse(document);
    const shirt = documents.find((d) => d.slug === 'documents-shirt') as ProductDocument;
    expect(shirt.categoryPath.map((c) => c.slug)).toEqual(['apparel', 'tops', 'shirts']);
    expect(shirt.variants.map((v) => [v.sku, v.quantityAvailable, v.compareAtMinor])).toEqual([
      ['DOC-S', 3, null],
      ['DOC-M', 2, 3999],
      ['DOC-L', 0, null],
    ]);
    expect(shirt.rating).toBe(4.5);
    expect(shirt.createdAt).toBe('2026-03-04T05:06:07.089Z');
    const gone = documents.find((d) => d.slug === 'documents-gone') as ProductDocument;
    expect(gone.variants[0]?.quantityAvailable).toBe(0); // a deleted product sells nothing
    expect(documents.find((d) => d.slug === 'documents-boot')?.brand).toBeNull();
  });

  it('answer nothing for no ids and skip unknown ones', async () => {
    expect(await productDocuments(prisma, [])).toEqual([]);
    const [first] = ids as [string];
    expect((await productDocuments(prisma, [first, '00000000-0000-4000-8000-000000000000'])).length).toBe(1);
  });

  it('are what a change records in one statement: the version bumped, one event per product in id order', async () => {
    const before = await productDocuments(prisma, ids);
    const statements: string[] = [];
    const watched = createPrismaClient(process.env.DATABASE_URL as string, {
      onQuery: (sql) => statements.push(sql),
    });
    const eventIds = await watched.$transaction((tx) =>
      recordProductsChanged(tx, [...ids, ...ids].reverse(), 'stock_changed'),
    );
    await watched.$disconnect();
    expect(statements.filter((q) => !/^(BEGIN|COMMIT)/i.test(q.trim()))).toHaveLength(1);

    const events = await prisma.outboxEvent.findMany({ where: { id: { in: eventIds } } });
    const byId = new Map(events.map((e) => [e.id, e]));
    const after = await productDocuments(prisma, ids);
    expect(eventIds.map((id) => byId.get(id)?.aggregateId)).toEqual([...ids].sort());
    for (const [i, id] of eventIds.entries()) {
      const event = byId.get(id);
      expect(event?.type).toBe('ProductUpsertedV1');
      expect(event?.traceContext).toBeNull();
      const payload = ProductUpsertedV1.parse(event?.payload);
      expect(payload).toEqual({ type: 'ProductUpsertedV1', change: 'stock_changed', product: after[i] });
      expect(payload.product.version).toBe((before[i] as ProductDocument).version + 1);
    }
    expect(await recordProductsChanged(prisma, [], 'updated')).toEqual([]);
  });
});
