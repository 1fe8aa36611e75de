import type { ProductDocument } from '@storegraph/events';
import { DOCUMENTS_CHANNEL } from '../engine/doc-values-channel.js';
import { DOCUMENT_COLUMNS, upsertDocuments } from './document.writer.js';
import type { PrismaClient } from './prisma-client.js';

export interface ExportPage {
  documents: ProductDocument[];
  nextCursor: string | null;
}

export interface ReindexProgress {
  indexed: number;
  elapsedMs: number;
}

const COLUMNS = DOCUMENT_COLUMNS.join(', ');
const CARRY_OVER = DOCUMENT_COLUMNS.filter((c) => c !== 'product_id')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

/**
 * Rebuilds the index from the catalog's export without downtime: documents go into
 * a new table while searches keep reading the live one; then, in one short
 * transaction, whatever events changed in the live table meanwhile is carried over
 * (newer versions win), the tables are swapped and the search terms recounted.
 */
export async function reindex(options: {
  prisma: PrismaClient;
  fetchPage: (after: string | null) => Promise<ExportPage>;
  onProgress?: (progress: ReindexProgress) => void;
}): Promise<{ indexed: number; elapsedMs: number }> {
  const { prisma } = options;
  const started = Date.now();
  const since = new Date(started);
  await prisma.$executeRawUnsafe('DROP TABLE IF EXISTS search_documents_next');
  await prisma.$executeRawUnsafe('CREATE TABLE search_documents_next (LIKE search_documents INCLUDING ALL)');
  let indexed = 0;
  let cursor: string | null = null;
  do {
    const page: ExportPage = await options.fetchPage(cursor);
    await upsertDocuments(prisma, page.documents, 'search_documents_next');
    indexed += page.documents.length;
    cursor = page.nextCursor;
    options.onProgress?.({ indexed, elapsedMs: Date.now() - started });
  } while (cursor);
  await prisma.$transaction(
    async (tx) => {
      // Readers go on; event writers wait the few milliseconds of the swap.
      await tx.$executeRawUnsafe('LOCK TABLE search_documents IN EXCLUSIVE MODE');
      await tx.$executeRawUnsafe(
        `INSERT INTO search_documents_next (${COLUMNS})
         SELECT ${COLUMNS} FROM search_documents WHERE indexed_at >= $1
         ON CONFLICT (product_id) DO UPDATE SET ${CARRY_OVER}
         WHERE search_documents_next.version < EXCLUDED.version`,
        since,
      );
      await tx.$executeRawUnsafe('ALTER TABLE search_documents RENAME TO search_documents_previous');
      await tx.$executeRawUnsafe('ALTER TABLE search_documents_next RENAME TO search_documents');
      await tx.$executeRawUnsafe('DROP TABLE search_documents_previous');
      // Delivered at commit: doc values reload the whole new table.
      await tx.$executeRaw`SELECT pg_notify(${DOCUMENTS_CHANNEL}, '*')`;
      await tx.$executeRawUnsafe('TRUNCATE search_terms');
      await tx.$executeRawUnsafe(
        `INSERT INTO search_terms (term, documents)
         SELECT word, ndoc FROM ts_stat($$
           SELECT to_tsvector('simple', search_fold(title || ' ' || coalesce(brand_name, '') || ' ' || search_join(category_names)))
           FROM search_documents WHERE NOT deleted $$)
         WHERE length(word) >= 3`,
      );
    },
    { timeout: 300_000 },
  );
  return { indexed, elapsedMs: Date.now() - started };
}
