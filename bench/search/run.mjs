#!/usr/bin/env node
// W3: search at scale. For each catalog size, a query mix (common term, rare term,
// typo, filter-only with facets, deep page) at 1 and 4 concurrent clients: warm-up,
// then measurement, three repetitions, medians of p50/p95. The smallest size is the
// baseline every other size is reported against. Results go to bench/results/.
//
//   pnpm --filter @storegraph/bench run search -- --sizes 100000,1000000 [--requests 200]
//   ... -- --sizes 100000,1000000 --prepare   (build the fixtures only)
//   ... -- --engines doc-values,doc-values-sql-text,sql --sql-max-size 100000
//
// Engines: `doc-values` (the default configuration: filter, facet and sort fields and
// the text index in memory), `doc-values-sql-text` (the same without the text index:
// text queries matched and ranked by Postgres, SEARCH_TEXT_INDEX=false) and `sql`
// (everything in Postgres, the engine without doc values). Where they run at the same
// size, doc-values is reported against each of the others. The sql engine is only run
// up to --sql-max-size: its facet cost grows with the matches.
//
// Fixtures: a products database seeded with the catalog generator, and a search
// database filled from the catalog's own search documents (the same documents the
// export and the events carry). Both are kept between runs (sg_bench_*) so a rerun
// skips the load; --fresh rebuilds them.
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMigrations, dropDatabase, ensureDatabase, withDatabase } from '@storegraph/prisma';
import { productDocuments } from '@storegraph/products/catalog-documents';
import { createPrismaClient as productsClient } from '@storegraph/products/prisma-client';
import { seedCatalog } from '@storegraph/products/seed';
import { DocValuesSync } from '@storegraph/search/doc-values-sync';
import { upsertDocuments } from '@storegraph/search/document-writer';
import { PostgresSearchEngine } from '@storegraph/search/engine';
import { createPrismaClient as searchClient } from '@storegraph/search/prisma-client';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = arg('--sizes', '100000,1000000').split(',').map(Number);
const requests = Number(arg('--requests', '200'));
const warmup = Math.max(10, Math.floor(requests / 10));
const repetitions = 3;
const engines = arg('--engines', 'doc-values,doc-values-sql-text,sql').split(',');
const sqlMaxSize = Number(arg('--sql-max-size', '100000'));
// A subset of the query mix by name (comma-separated), e.g. for a before/after of one change.
const only = arg('--queries', null)?.split(',');
const label = arg('--label', null);
const server = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const log = (m) => process.stderr.write(`${m}\n`);

async function fixture(size) {
  const productsUrl = withDatabase(server, `sg_bench_products_${size}`);
  const searchUrl = withDatabase(server, `sg_bench_search_${size}`);
  if (args.includes('--fresh')) {
    await dropDatabase(productsUrl);
    await dropDatabase(searchUrl);
  }
  await ensureDatabase(productsUrl);
  await applyMigrations(productsUrl, path.join(root, 'subgraphs/products/prisma/migrations'));
  await ensureDatabase(searchUrl);
  await applyMigrations(searchUrl, path.join(root, 'subgraphs/search/prisma/migrations'));
  const t0 = Date.now();
  await seedCatalog({ databaseUrl: productsUrl, products: size });
  log(`[${size}] catalog ready (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const products = productsClient(productsUrl, { max: 2 });
  const search = searchClient(searchUrl, { max: 6 });
  const indexed = await search.searchDocument.count();
  if (indexed < size) {
    const t1 = Date.now();
    let after;
    let done = 0;
    for (;;) {
      const page = await products.product.findMany({
        where: { deletedAt: null, ...(after ? { id: { gt: after } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: 2000,
      });
      if (page.length === 0) break;
      await upsertDocuments(
        search,
        await productDocuments(
          products,
          page.map((p) => p.id),
        ),
      );
      after = page.at(-1).id;
      done += page.length;
      if (done % 50000 < 2000) log(`[${size}] indexed ${done} (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
    }
    await search.$executeRawUnsafe(`TRUNCATE search_terms`);
    await search.$executeRawUnsafe(`INSERT INTO search_terms (term, documents)
      SELECT word, ndoc FROM ts_stat($$ SELECT to_tsvector('simple', search_fold(title || ' ' || coalesce(brand_name, '') || ' ' || search_join(category_names))) FROM search_documents WHERE NOT deleted $$) WHERE length(word) >= 3`);
    // As autovacuum would in production: the visibility map lets bitmap scans skip heap pages.
    await search.$executeRawUnsafe('VACUUM (ANALYZE) search_documents');
    log(`[${size}] search index ready (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
  }
  await products.$disconnect();
  return search;
}

async function queryMix(engine) {
  const base = { filter: {}, sort: 'RELEVANCE', first: 24, after: null };
  const facetsProbe = await engine.search({ ...base, query: '' });
  const category = facetsProbe.facets.find((f) => f.name === 'category')?.values[0]?.value;
  const color = facetsProbe.facets.find((f) => f.name.toLowerCase() === 'color')?.values[0]?.value;
  let deepCursor = null;
  for (let page = 0; page < 5; page += 1) {
    const res = await engine.search({ ...base, query: '', sort: 'NEWEST', after: deepCursor });
    deepCursor = res.hits.at(-1)?.cursor ?? null;
  }
  return {
    'common term': () => engine.search({ ...base, query: 'shirt' }),
    'rare term': () => engine.search({ ...base, query: 'cashmere cardigan' }),
    typo: () => engine.search({ ...base, query: 'hedphones' }),
    'filter only + facets': () =>
      engine.search({
        ...base,
        query: '',
        filter: {
          categorySlugs: category ? [category] : [],
          priceMinMilli: 10_000,
          priceMaxMilli: 200_000,
          attributes: color ? [{ name: 'Color', values: [color] }] : [],
          inStock: true,
        },
      }),
    'deep page (6th)': () => engine.search({ ...base, query: '', sort: 'NEWEST', after: deepCursor }),
  };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => percentile(values, 50);

async function measure(fn, concurrency) {
  for (let i = 0; i < warmup; i += 1) await fn();
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next += 1;
      const t = process.hrtime.bigint();
      await fn();
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

if (args.includes('--prepare')) {
  // Build (or check) the fixtures only, e.g. ahead of a run.
  for (const size of sizes) await (await fixture(size)).$disconnect();
  process.exit(0);
}

const results = {};
const notes = [];
const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => silent };
for (const size of sizes) {
  const search = await fixture(size);
  for (const engineName of engines) {
    if (engineName === 'sql' && size > sqlMaxSize) continue;
    let sync = null;
    if (engineName.startsWith('doc-values')) {
      // What the doc values hold: JS heap plus typed arrays, each read after a full GC
      // (RSS also counts memory an earlier engine freed but the process kept).
      const held = () => {
        globalThis.gc?.();
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      };
      const heldBefore = held();
      const heap = process.memoryUsage();
      const t0 = Date.now();
      sync = new DocValuesSync({
        prisma: search,
        databaseUrl: withDatabase(server, `sg_bench_search_${size}`),
        logger: silent,
        textIndex: engineName !== 'doc-values-sql-text',
      });
      await sync.start();
      const seconds = (Date.now() - t0) / 1000;
      const after = process.memoryUsage();
      const mb = (after.rss - heap.rss) / 2 ** 20;
      const heldMb = (held() - heldBefore) / 2 ** 20;
      const text = sync.current?.textStats;
      notes.push(
        `doc values at ${size.toLocaleString('en')}: loaded in ${seconds.toFixed(1)} s, ${heldMb.toFixed(0)} MB held after GC (heap and typed arrays), +${mb.toFixed(0)} MB RSS` +
          (text
            ? ` (text index: ${text.lexemes.toLocaleString('en')} lexemes, ${(text.poolBytes / 2 ** 20).toFixed(0)} MB of entries and positions)`
            : ''),
      );
      log(`[${size}] ${notes.at(-1)}`);
    }
    const engine = new PostgresSearchEngine(search, sync ? { docValues: sync } : {});
    const mix = await queryMix(engine);
    const column = `${engineName} ${size}`;
    results[column] = {};
    for (const [name, fn] of Object.entries(mix)) {
      if (only && !only.includes(name)) continue;
      for (const concurrency of [1, 4]) {
        const runs = [];
        for (let r = 0; r < repetitions; r += 1) runs.push(await measure(fn, concurrency));
        const row = { p50: median(runs.map((x) => x.p50)), p95: median(runs.map((x) => x.p95)) };
        results[column][`${name} @${concurrency}`] = row;
        log(`[${column}] ${name} @${concurrency}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
      }
    }
    await sync?.stop();
  }
  await search.$disconnect();
}

const pgVersion = execSync(`psql "${server}" -Atc "show server_version"`, { encoding: 'utf8' }).trim();
const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, Postgres ${pgVersion}`;
const columns = Object.keys(results);
// Ratios: each larger size against the smallest of the same engine; doc values against sql at one size.
const ratios = [];
for (const engineName of engines) {
  const measured = sizes.filter((s) => results[`${engineName} ${s}`]);
  for (const s of measured.slice(1))
    ratios.push([
      `${engineName} p95 ${s / 1000}k/${measured[0] / 1000}k`,
      `${engineName} ${s}`,
      `${engineName} ${measured[0]}`,
    ]);
}
for (const s of sizes) {
  for (const other of ['doc-values-sql-text', 'sql']) {
    if (results[`doc-values ${s}`] && results[`${other} ${s}`])
      ratios.push([`p95 doc-values/${other} ${s / 1000}k`, `doc-values ${s}`, `${other} ${s}`]);
  }
}
const lines = [
  '# W3: search at scale',
  '',
  `Machine: ${machine}. ${requests} requests per cell after ${warmup} warm-up, ${repetitions} repetitions, medians.`,
  `Command: \`pnpm --filter @storegraph/bench run search -- --sizes ${sizes.join(',')} --requests ${requests} --engines ${engines.join(',')} --sql-max-size ${sqlMaxSize}${only ? ` --queries '${only.join(',')}'` : ''}${label ? ` --label ${label}` : ''}\``,
  '',
  ...notes.map((n) => `- ${n}`),
  '',
  `| query @ clients | ${columns.map((c) => `${c.replace(/ (\d+)$/, (_, n) => ` ${Number(n).toLocaleString('en')}`)} p50 / p95 (ms)`).join(' | ')} | ${ratios.map((r) => r[0]).join(' | ')} |`,
  `| --- | ${columns.map(() => '---').join(' | ')} | ${ratios.map(() => '---').join(' | ')} |`,
];
for (const key of Object.keys(results[columns[0]])) {
  const cells = columns.map((c) => `${results[c][key].p50.toFixed(1)} / ${results[c][key].p95.toFixed(1)}`);
  const ratioCells = ratios.map(([, a, b]) => `${(results[a][key].p95 / results[b][key].p95).toFixed(2)}×`);
  lines.push(`| ${key} | ${cells.join(' | ')} | ${ratioCells.join(' | ')} |`);
}
const report = `${lines.join('\n')}\n`;
process.stdout.write(report);
const file = path.join(
  here,
  '../results',
  `search-${sizes.join('-')}-${engines.join('-')}${label ? `-${label}` : ''}.md`,
);
writeFileSync(file, report);
log(`written to ${path.relative(root, file)}`);
