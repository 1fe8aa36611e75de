#!/usr/bin/env node
// `npm test`: lint, check generated files, then every package's tests (unit,
// integration on real Postgres/Redis, the supergraph end to end, and the smoke test
// of the real processes). Prints one total at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkNode, installAndBuild, root } from './bootstrap.mjs';

checkNode();
installAndBuild();

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  FORCE_COLOR: process.env.CI ? '0' : '1',
};
const steps = [];
function step(name, command, args) {
  process.stdout.write(`\n\u001b[36m▸\u001b[0m ${name}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  steps.push({ name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
  return result.status === 0;
}

const packages = JSON.parse(
  spawnSync('pnpm', ['ls', '-r', '--depth', '-1', '--json'], { cwd: root, encoding: 'utf8', env }).stdout,
).map((p) => p.path);
for (const dir of packages) rmSync(path.join(dir, '.vitest-report.json'), { force: true });

step('lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
step('generated files are up to date', 'node', ['scripts/generate.mjs', '--check']);
step('tests type-check (tsc, strict)', 'pnpm', ['exec', 'tsc', '-p', 'tsconfig.tests.json']);
step('tests', 'pnpm', ['exec', 'turbo', 'run', 'test', '--concurrency=2', '--continue', '--log-order=grouped']);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of packages) {
  const report = path.join(dir, '.vitest-report.json');
  if (!existsSync(report)) continue;
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
  skipped += r.numPendingTests + r.numTodoTests;
}

process.stdout.write('\n');
for (const s of steps) process.stdout.write(`${s.ok ? '✔' : '✖'} ${s.name} (${s.seconds.toFixed(1)} s)\n`);
const ok = steps.every((s) => s.ok) && failed === 0 && skipped === 0 && passed > 0;
if (skipped > 0) process.stdout.write(`${skipped} tests were skipped: skipped tests are not allowed\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(ok ? 0 : 1);
