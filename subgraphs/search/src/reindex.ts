import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';
import { applyMigrations } from '@storegraph/prisma';
import { catalogExportPages } from './data/catalog-export.client.js';
import { createPrismaClient } from './data/prisma-client.js';
import { reindex } from './data/reindexer.js';
import { migrationsDir } from './migrations-dir.js';

/**
 * `pnpm --filter @storegraph/search reindex [--if-empty]`: rebuilds the index from the
 * catalog export, with progress; `--if-empty` does nothing when documents exist.
 */
const config = loadConfig(
  'search: reindex',
  z.object({
    DATABASE_URL: env.postgresUrl(),
    PRODUCTS_URL: env.httpUrl().default('http://127.0.0.1:4002/graphql'),
    INTERNAL_SECRET: accessTokenEnv.INTERNAL_SECRET,
    EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(1_000).default(500),
  }),
);
await applyMigrations(config.DATABASE_URL, migrationsDir);
const prisma = createPrismaClient(config.DATABASE_URL, { max: 2 });
let last = 0;
try {
  if (process.argv.includes('--if-empty')) {
    const rows = await prisma.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) AS count FROM search_documents`;
    const count = rows[0]?.count ?? 0n;
    if (count > 0n) {
      process.stdout.write(`the search index holds ${count.toLocaleString('en')} documents; no reindex needed\n`);
      process.exit(0);
    }
  }
  const result = await reindex({
    prisma,
    fetchPage: catalogExportPages({
      productsUrl: config.PRODUCTS_URL,
      internalSecret: config.INTERNAL_SECRET,
      pageSize: config.EXPORT_PAGE_SIZE,
    }),
    onProgress: ({ indexed, elapsedMs }) => {
      if (Date.now() - last < 500) return;
      last = Date.now();
      process.stderr.write(`indexed ${indexed.toLocaleString('en')} products (${(elapsedMs / 1000).toFixed(1)} s)\n`);
    },
  });
  process.stdout.write(
    `reindexed ${result.indexed.toLocaleString('en')} products in ${(result.elapsedMs / 1000).toFixed(1)} s; the new index is live\n`,
  );
} catch (error) {
  process.stderr.write(`search: reindex failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
