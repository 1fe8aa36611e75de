import { randomUUID } from 'node:crypto';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCatalogEvent } from '../src/data/document.writer.js';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { reindex } from '../src/data/reindexer.js';
import { SearchService } from '../src/domain/search.js';
import { DocValuesSync } from '../src/engine/doc-values-sync.js';
import { PostgresSearchEngine } from '../src/engine/postgres-search-engine.js';
import { doc, remove, upsert } from './events.js';

const databaseUrl = process.env.DATABASE_URL as string;
const prisma = createPrismaClient(databaseUrl);
const sync = new DocValuesSync({ prisma, databaseUrl, logger: silentLogger() });
const search = new SearchService(new PostgresSearchEngine(prisma, { docValues: sync }));
const brand = { id: randomUUID(), slug: `sync-brand-${randomUUID().slice(0, 8)}`, name: 'Sync Brand' };

/** Waits until the check holds, failing after two seconds (the freshness the search promises). */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > 2_000) throw new Error(`not within 2 s: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

const brandBrowse = () => search.search({ filter: { brandSlugs: [brand.slug] }, first: 50 });

beforeAll(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE search_documents, search_terms, applied_events');
  await applyCatalogEvent(prisma, upsert(doc({ brand, title: 'Loaded Before Start' })));
  await sync.start();
});

afterAll(async () => {
  await sync.stop();
  await prisma.$disconnect();
});

describe('doc values kept in step with search_documents', () => {
  it('loads what was indexed before it started', async () => {
    expect(sync.current?.size).toBe(1);
    const r = await brandBrowse();
    expect(r.totalCount).toBe(1);
    expect(r.facets.find((f) => f.name === 'brand')?.values).toEqual([
      { value: brand.slug, label: 'Sync Brand', count: 1, selected: true },
    ]);
  });

  it('sees a created, re-priced and deleted product within moments of each event', async () => {
    const product = doc({ brand, title: 'Arrives Later' });
    await applyCatalogEvent(prisma, upsert(product));
    await eventually(async () => (await brandBrowse()).totalCount === 2, 'the new product counted');

    const cheaper = {
      ...product,
      version: 2,
      priceMinMinor: 1000,
      variants: product.variants.map((v) => ({ ...v, priceMinor: 1000 })),
    };
    await applyCatalogEvent(prisma, upsert(cheaper));
    await eventually(async () => {
      const r = await search.search({ filter: { brandSlugs: [brand.slug], price: { max: '10' } } });
      return r.hits.length === 1 && r.hits[0]?.productId === product.productId;
    }, 'the new price filtered');

    await applyCatalogEvent(prisma, remove(product.productId, 3));
    await eventually(async () => (await brandBrowse()).totalCount === 1, 'the deleted product gone');
    expect(sync.current?.has(product.productId)).toBe(false);
  });

  it('reloads everything after a reindex swaps the table', async () => {
    const before = sync.current;
    const kept = doc({ brand, title: 'Survives Reindex' });
    await reindex({ prisma, fetchPage: async () => ({ documents: [kept], nextCursor: null }) });
    await eventually(() => sync.current !== before && sync.current?.size === 1, 'the new table loaded');
    const r = await brandBrowse();
    expect(r.hits.map((h) => h.productId)).toEqual([kept.productId]);
  });

  it('answers from SQL while its connection is lost, and catches up on what changed meanwhile', async () => {
    await prisma.$executeRawUnsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'storegraph-search-docvalues'`,
    );
    await eventually(() => sync.current === null, 'doc values set aside');
    // Written while nobody listens: SQL answers it now, and the reload brings it into memory.
    const missed = doc({ brand, title: 'Written During Outage' });
    await applyCatalogEvent(prisma, upsert(missed));
    expect((await brandBrowse()).totalCount).toBe(2);
    await eventually(() => sync.current?.has(missed.productId) === true, 'reconnected and reloaded');
    expect((await brandBrowse()).totalCount).toBe(2);
  });
});
