#!/usr/bin/env node
// One command for every generated artifact: Prisma clients, each subgraph's SDL,
// the composed supergraph and the persisted-query manifests. `--check` regenerates and fails when the committed
// copies differ (CI runs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { writePersistedQueryManifests } from './persisted-queries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

/** Subgraphs in composition order, with the URL the supergraph records for each. */
export const SUBGRAPHS = [
  { name: 'users', port: 4001, prisma: true },
  { name: 'products', port: 4002, prisma: true },
  { name: 'cart', port: 4003, prisma: false },
  { name: 'orders', port: 4004, prisma: true },
  { name: 'search', port: 4005, prisma: true },
];

const GENERATED_PATHS = [
  'schema',
  'storefront/src/gql',
  ...SUBGRAPHS.filter((s) => s.prisma).map((s) => `subgraphs/${s.name}/src/generated`),
];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`generate: ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

/**
 * The generated client is committed, so it must not depend on where the checkout
 * lives (the generator records absolute paths; they are made relative above) or on
 * chance (the generator's own options come out in a varying key order; sorted here).
 */
function stableGeneratorConfig(text) {
  const start = text.indexOf('const config: runtime.GetPrismaClientConfig = {');
  if (start < 0) return text;
  const open = text.indexOf('{', start);
  const close = text.indexOf('\n}\n', open);
  const config = JSON.parse(text.slice(open, close + 2));
  const options = config.generator?.config;
  if (options)
    config.generator.config = Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
  return `${text.slice(0, open)}${JSON.stringify(config, null, 2)}${text.slice(close + 2)}`;
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

// 1. Prisma clients. The CLI needs DATABASE_URL to be set even to generate, or it
//    falls back to downloading the native query engine (see packages/prisma/README.md).
for (const s of SUBGRAPHS.filter((s) => s.prisma)) {
  const cwd = path.join(root, 'subgraphs', s.name);
  run('pnpm', ['exec', 'prisma', 'generate'], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: 'postgresql://generate@127.0.0.1:5432/generate',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  for (const file of walk(path.join(cwd, 'src/generated'))) {
    const text = readFileSync(file, 'utf8');
    const stable = stableGeneratorConfig(text.replaceAll(`${root}/`, ''));
    if (stable !== text) writeFileSync(file, stable);
  }
}

// 2. Build, so every subgraph's SDL is printed from its compiled code.
run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
});

// 3. Subgraph SDL.
mkdirSync(path.join(root, 'schema/subgraphs'), { recursive: true });
const services = SUBGRAPHS.map((s) => {
  const sdl = execFileSync('node', ['dist/print-sdl.js'], {
    cwd: path.join(root, 'subgraphs', s.name),
    encoding: 'utf8',
  });
  writeFileSync(path.join(root, 'schema/subgraphs', `${s.name}.graphql`), sdl);
  return { name: s.name, url: `http://127.0.0.1:${s.port}/graphql`, typeDefs: parse(sdl) };
});

// 4. Supergraph.
const composed = composeServices(services);
if (composed.errors) {
  for (const error of composed.errors) console.error(`composition: ${error.message}`);
  process.exit(1);
}
writeFileSync(path.join(root, 'schema/supergraph.graphql'), composed.supergraphSdl);
for (const hint of composed.hints ?? []) {
  if (process.env.SHOW_COMPOSITION_HINTS) console.error(`hint: ${hint.toString()}`);
}

// 4b. The storefront's typed documents (GraphQL Code Generator, client preset) from the supergraph.
run('pnpm', ['--filter', '@storegraph/storefront', 'run', 'codegen'], { stdio: ['ignore', 'ignore', 'inherit'] });

// 5. Persisted-query manifests: the storefront's operations, and each partner set.
const manifests = writePersistedQueryManifests(root);

// 6. Biome formats nothing here (generated files are excluded), so the output is final.
if (check) {
  const status = execFileSync('git', ['status', '--porcelain', '--', ...GENERATED_PATHS], {
    cwd: root,
    encoding: 'utf8',
  });
  if (status.trim()) {
    console.error('generate --check: committed generated files are stale. Run `pnpm generate` and commit:');
    console.error(status);
    spawnSync('git', ['--no-pager', 'diff', '--stat', '--', ...GENERATED_PATHS], { cwd: root, stdio: 'inherit' });
    process.exit(1);
  }
  console.log('generate --check: generated files are up to date');
} else {
  console.log(
    `generated: Prisma clients, ${services.length} subgraph SDL files, schema/supergraph.graphql, ${manifests.length} persisted-query manifests`,
  );
}
