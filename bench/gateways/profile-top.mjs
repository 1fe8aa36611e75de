#!/usr/bin/env node
// Where a process spent its time: self time of a `node --cpu-prof` profile by function
// and by package, the share of the whole profile each (idle excluded).
//
//   node bench/gateways/profile-top.mjs <file.cpuprofile> [--top 30]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: profile-top.mjs <file.cpuprofile> [--top 30]\n');
  process.exit(2);
}
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 30;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const dt = profile.timeDeltas[i] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const pkg = (url) => {
  if (!url) return '(native)';
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node:internal';
  const own = /\/(router|packages\/[^/]+|subgraphs\/[^/]+)\/(dist|src)\//.exec(url);
  return own ? `storegraph ${own[1]}` : url.replace(/^file:\/\/.*\//, '');
};
const fns = new Map();
const pkgs = new Map();
let total = 0;
for (const [id, us] of self) {
  const node = byId.get(id);
  const name = node.callFrame.functionName || '(anonymous)';
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
    if (name !== '(idle)') {
      fns.set(name, (fns.get(name) ?? 0) + us);
      pkgs.set(name, (pkgs.get(name) ?? 0) + us);
      total += us;
    }
    continue;
  }
  total += us;
  const where = pkg(node.callFrame.url);
  const key = `${name}  ${where}:${node.callFrame.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  pkgs.set(where, (pkgs.get(where) ?? 0) + us);
}
const print = (title, map) => {
  process.stdout.write(`\n${title} (busy ${(total / 1000).toFixed(0)} ms)\n`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const dt = profile.timeDeltas[i] ?? 0;
  const seen = new Set();
  for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
    const f = byId.get(id).callFrame;
    if (!f.functionName || f.functionName === '(root)' || f.functionName === '(idle)') continue;
    const key = `${f.functionName}  ${pkg(f.url)}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
}
print('by package', pkgs);
print('by function', fns);
print('inclusive, by function', inclusive);
