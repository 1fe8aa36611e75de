import { randomUUID } from 'node:crypto';
import type { ProductDocument } from '@storegraph/events';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { applyCatalogEvent } from '../src/data/document.writer.js';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { reindex } from '../src/data/reindexer.js';
import { doc, remove, upsert } from './events.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);

const row = (productId: string) =>
  prisma.$queryRaw<
    Array<Record<string, any>>
  >`SELECT version, deleted, title, in_stock, variant_prices, attribute_pairs, category_slugs FROM search_documents WHERE product_id = ${productId}::uuid`.then(
    (r) => r[0],
  );

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE search_documents, search_terms, applied_events');
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('applying catalog events', () => {
  it('denormalises a document: stock, variant prices, attribute and option pairs, category path, terms', async () => {
    const d = doc();
    expect(await applyCatalogEvent(prisma, upsert(d))).toBe('applied');
    expect(await row(d.productId)).toMatchObject({
      version: 1n,
      deleted: false,
      in_stock: true,
      variant_prices: [9900, 10900],
      attribute_pairs: ['connectivity=bluetooth', 'color=black', 'color=white'],
      category_slugs: ['electronics', 'audio'],
    });
    const terms = await prisma.searchTerm.findMany({ orderBy: { term: 'asc' } });
    expect(terms.map((t) => t.term)).toEqual(['acoustica', 'audio', 'electronics', 'headphones', 'wireless']);
  });

  it('applies each event once, never rolls a product back, and keeps deletions', async () => {
    const d = doc();
    const first = upsert(d);
    await applyCatalogEvent(prisma, first);
    expect(await applyCatalogEvent(prisma, first)).toBe('duplicate');
    await applyCatalogEvent(prisma, upsert({ ...d, version: 3, title: 'Wireless Headphones Pro' }));
    await applyCatalogEvent(prisma, upsert({ ...d, version: 2, title: 'Stale Title' }));
    expect(await row(d.productId)).toMatchObject({ version: 3n, title: 'Wireless Headphones Pro' });
    await applyCatalogEvent(prisma, remove(d.productId, 4));
    await applyCatalogEvent(prisma, upsert({ ...d, version: 3, title: 'Late Revival' }));
    expect(await row(d.productId)).toMatchObject({ version: 4n, deleted: true });
    const ghost = randomUUID();
    await applyCatalogEvent(prisma, remove(ghost, 2));
    await applyCatalogEvent(prisma, upsert(doc({ productId: ghost, version: 1 })));
    expect(await row(ghost)).toMatchObject({ deleted: true, version: 2n });
  });
});

describe('reindex', () => {
  it('rebuilds from export pages into a new table, swaps it in, keeps newer live changes, drops what the catalog no longer has, and recounts terms', async () => {
    const stale = doc({ title: 'Old Speaker' });
    await applyCatalogEvent(prisma, upsert(stale));
    const exported = Array.from({ length: 5 }, (_, i) => doc({ title: `Studio Monitor ${i}`, version: 2 }));
    const changedDuring = exported[0] as ProductDocument;
    const pages = [exported.slice(0, 2), exported.slice(2, 4), exported.slice(4)];
    const progress: number[] = [];
    const result = await reindex({
      prisma,
      fetchPage: async (after) => {
        const index = after === null ? 0 : Number(after);
        if (index === 1) {
          // An event lands on the live table while the export is read: it must survive the swap.
          await applyCatalogEvent(prisma, upsert({ ...changedDuring, version: 5, title: 'Studio Monitor Renamed' }));
        }
        return { documents: pages[index] ?? [], nextCursor: index < pages.length - 1 ? String(index + 1) : null };
      },
      onProgress: (p) => progress.push(p.indexed),
    });
    expect(result.indexed).toBe(5);
    expect(progress).toEqual([2, 4, 5]);
    const titles = (
      await prisma.$queryRaw<
        Array<{ title: string }>
      >`SELECT title FROM search_documents WHERE NOT deleted ORDER BY title`
    ).map((r) => r.title);
    expect(titles).toEqual([
      'Studio Monitor 1',
      'Studio Monitor 2',
      'Studio Monitor 3',
      'Studio Monitor 4',
      'Studio Monitor Renamed',
    ]);
    const monitors = await prisma.searchTerm.findUniqueOrThrow({ where: { term: 'monitor' } });
    expect(monitors.documents).toBe(5);
    const vector = await prisma.$queryRaw<
      Array<{ hit: boolean }>
    >`SELECT search_vector @@ to_tsquery('english', 'monitor') AS hit FROM search_documents WHERE product_id = ${changedDuring.productId}::uuid`;
    expect(vector[0]?.hit).toBe(true);
  });
});
