#!/usr/bin/env node
// Summarises V8 CPU profiles (node --cpu-prof) by self time: the functions, and the
// packages or source files, where a process spent its CPU.
//   node bench/w4/profile-top.mjs <file.cpuprofile>... [--top 25]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const files = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');

const where = (url) => {
  if (!url) return '(native)';
  const pkg = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const own = url.match(/(subgraphs|packages|router)\/([^/]+)\/dist\/(.*)$/);
  if (own) return `${own[1]}/${own[2]}/${own[3]}`;
  return url.replace(/^file:\/\//, '').replace(/^.*\/(node:)?/, '$1');
};

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
  const total = [...self.values()].reduce((s, v) => s + v, 0);
  const byFunction = new Map();
  const byPlace = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const place = where(callFrame.url);
    const fn = `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const print = (title, map) => {
    process.stdout.write(`\n${title}\n`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(
        `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}\n`,
      );
    }
  };
  process.stdout.write(`# ${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
  print('by package or file (self time)', byPlace);
  print('by function (self time)', byFunction);
}
