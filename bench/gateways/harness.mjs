// Shared by the router benchmarks (W1, W2): starts the Storegraph processes on bench
// databases, Hive Gateway beside our router, drives load from a separate process, and
// writes the report. Every number is measured in the run that writes it.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { postgresAnswers, withDatabase } from '@storegraph/prisma';
import { seedCatalog } from '@storegraph/products/seed';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const log = (m) => process.stderr.write(`${m}\n`);

export function parseArgs(argv, defaults) {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    // `pnpm run w1 -- --duration 5` hands the script the `--` itself (pnpm 7 and later).
    if (name === '--' || !name.startsWith('--')) continue;
    const key = name.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option ${name} (known: ${Object.keys(defaults).join(', ')})`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
    i += 1;
    args[key] = typeof defaults[key] === 'number' ? Number(value) : value;
    if (typeof defaults[key] === 'number' && !(args[key] >= 0)) throw new Error(`${name} must be a number`);
  }
  return args;
}

/** User and system CPU time of a process so far, in milliseconds (Linux /proc). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5) (utime, stime), in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function waitFor(url, body, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * The Storegraph processes (built dist, as `npm start` runs them) on databases of the
 * bench's own (sg_bench_w_*), a Redis key prefix of its own, and two Hive Gateways
 * (JavaScript and Rust planners) on the next ports.
 */
export async function startBenchStack({
  portOffset,
  products,
  routerEnv = {},
  hive = true,
  profileDir = '',
  baseCheckout = '',
}) {
  const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (!(await postgresAnswers(serverUrl, 3_000))) throw new Error(`Postgres does not answer at ${serverUrl}`);
  const { prepareDatabases, launch, checkRedis, PROCESSES } = await import('../../scripts/stack.mjs');
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  await checkRedis(redisUrl);
  log('preparing the bench databases (sg_bench_w_*)');
  const databases = await prepareDatabases({ serverUrl, prefix: 'sg_bench_w_', env: {} });
  const t0 = Date.now();
  const seeded = await seedCatalog({ databaseUrl: databases.products, products });
  log(
    `catalog: ${seeded.totals.products} products (${seeded.inserted.products} added, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  // Children inherit these: one secret for router, subgraphs and Hive Gateway; quiet logs.
  const internalSecret = randomBytes(32).toString('base64url');
  Object.assign(process.env, { INTERNAL_SECRET: internalSecret, ...routerEnv });
  // --profile <dir>: every process writes a V8 CPU profile there when it stops
  // (CPU.<pid>.cpuprofile; read one with gateways/profile-top.mjs).
  if (profileDir) {
    process.env.BENCH_CPU_PROF_DIR = path.resolve(profileDir);
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(path.join(here, 'cpu-profile-hook.mjs')).href}`;
  }
  log('starting the Storegraph processes');
  const stack = await launch({
    databases,
    redisUrl,
    redisPrefix: 'sg:bench-w:',
    portOffset,
    logLevel: 'warn',
    print: (line) => {
      if (/ (warn|error|fatal) /.test(line)) log(line);
    },
  });
  const pids = Object.fromEntries(PROCESSES.map((p, i) => [p.name, stack.children[i].pid]));
  const graphql = (name) => `${stack.urls[name]}/graphql`;
  const subgraphUrls = Object.fromEntries(
    ['users', 'products', 'cart', 'orders', 'search'].map((name) => [name, graphql(name)]),
  );
  const gateways = [];
  const routerPort = Number(new URL(stack.urls.router).port);
  const hiveUrls = {};
  if (hive) {
    for (const [name, port, flags] of [
      ['hive', routerPort + 10, []],
      ['hive-rust', routerPort + 11, ['--rust']],
    ]) {
      const child = spawn(
        'node',
        [
          path.join(here, 'hive-gateway.mjs'),
          '--port',
          String(port),
          '--supergraph',
          path.join(root, 'schema/supergraph.graphql'),
          ...flags,
        ],
        {
          cwd: path.join(root, 'bench'),
          env: { ...process.env, SUBGRAPH_URLS: JSON.stringify(subgraphUrls), NODE_ENV: 'production' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (c) => {
        stderr += c;
      });
      gateways.push(child);
      hiveUrls[name] = `http://127.0.0.1:${port}/graphql`;
      pids[name] = child.pid;
      try {
        await waitFor(hiveUrls[name], { query: '{ __typename }' }, 60_000);
      } catch (error) {
        throw new Error(`${name} did not start: ${stderr.trim().split('\n').slice(-5).join('\n') || error.message}`);
      }
      log(`${name} ready on port ${port}`);
    }
  }
  let baseLabel;
  if (baseCheckout) {
    const base = await startBaseRouter(baseCheckout, pids.router, routerPort + 12);
    gateways.push(base.child);
    hiveUrls['router-base'] = base.url;
    pids['router-base'] = base.child.pid;
    baseLabel = base.label;
    log(`${base.label} ready on ${base.url}`);
  }
  log(
    `pids: ${Object.entries(pids)
      .map(([n, p]) => `${n} ${p}`)
      .join(', ')}`,
  );
  return {
    urls: {
      ...stack.urls,
      hive: hiveUrls.hive,
      'hive-rust': hiveUrls['hive-rust'],
      'router-base': hiveUrls['router-base'],
    },
    baseLabel,
    graphql,
    hiveUrls,
    subgraphUrls,
    pids,
    internalSecret,
    databases,
    async stop() {
      for (const g of gateways) g.kill('SIGTERM');
      await stack.stop();
    },
  };
}

/**
 * `--base <checkout>`: a second Storegraph router, built from another checkout of the
 * repository (a `git worktree` of an earlier commit, installed and built), with the
 * environment of this run's router (read from /proc) on a port of its own: the same
 * subgraphs, Redis and settings, so that a change to the router is measured against
 * the code before it in the same run, its rounds interleaved with the new one's.
 */
async function startBaseRouter(checkout, routerPid, port) {
  const dir = path.resolve(checkout);
  const main = path.join(dir, 'router/dist/main.js');
  const env = Object.fromEntries(
    readFileSync(`/proc/${routerPid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
  Object.assign(env, { PORT: String(port), METRICS_PORT: '0' });
  const child = spawn('node', [main], { cwd: path.join(dir, 'router'), env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitFor(url, { query: '{ __typename }' }, 60_000);
  } catch (error) {
    child.kill('SIGTERM');
    throw new Error(
      `the base router did not start: ${stderr.trim().split('\n').slice(-5).join('\n') || error.message}`,
    );
  }
  let rev = 'another checkout';
  try {
    const { execFileSync } = await import('node:child_process');
    rev = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).trim().slice(0, 60);
  } catch {}
  return { child, url, label: `Storegraph router, base (${rev})` };
}

/** One answer, to compare variants before measuring them. */
export async function answer(target) {
  const { internalCallHeaders } = await import('@storegraph/auth');
  const res = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...target.headers,
      ...(target.signWith
        ? internalCallHeaders(target.signWith, {
            requestId: `bench-${randomBytes(8).toString('hex')}`,
            clientIp: '127.0.0.1',
            authorization: target.headers?.authorization,
          })
        : {}),
    },
    body: JSON.stringify(target.body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${target.url} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, json };
}

/** The load generator process, driven over IPC. */
export function loadGenerator() {
  const child = fork(path.join(here, 'load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    /** Runs one phase; `watch` are pids whose CPU time is read around the measured window. */
    run(message, watch) {
      return new Promise((resolve, reject) => {
        let before;
        const onMessage = (m) => {
          if (m.type === 'measuring') before = Object.fromEntries(watch.map((pid) => [pid, cpuMs(pid)]));
          if (m.type === 'result') {
            const after = Object.fromEntries(watch.map((pid) => [pid, cpuMs(pid)]));
            child.off('message', onMessage);
            child.off('exit', onExit);
            resolve({ ...m.result, cpu: Object.fromEntries(watch.map((pid) => [pid, after[pid] - before[pid]])) });
          }
        };
        const onExit = (code) => reject(new Error(`the load generator exited (${code})`));
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send(message);
      });
    },
    stop: () => child.kill('SIGTERM'),
  };
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Measures each variant: saturation (closed loop, `connections` clients) and p95 at
 * each fixed rate (open loop). Repetitions go round the variants in turn (a slow
 * spell of the machine then hits every variant alike); medians of the repetitions.
 */
export async function measureVariants({ variants, options, subgraphPids }) {
  const loader = loadGenerator();
  // A warm-up round first (JIT, connection pools, plan caches of every process), which
  // also finds the saturation of each variant for `--rates auto`.
  const warmed = {};
  for (const variant of variants) {
    const r = await loader.run(
      {
        mode: 'closed',
        connections: options.connections,
        target: variant.target,
        durationMs: options.warmupRound * 1000,
        warmupMs: 0,
      },
      [variant.pid],
    );
    warmed[variant.name] = r.throughput;
    log(
      `[warm-up] ${variant.name.padEnd(10)} ${r.throughput.toFixed(0)} req/s${r.errors ? `, ${r.errors} errors (${String(r.firstError).slice(0, 160)})` : ''}`,
    );
  }
  // auto: a quarter and a half of the slowest variant's saturation, so that every
  // variant is compared at loads it can carry.
  const slowest = Math.min(...Object.values(warmed));
  const rates = (
    options.rates === 'auto'
      ? [slowest / 4, slowest / 2].map((r) => Math.max(5, Math.round(r / 5) * 5))
      : options.rates.split(',').map(Number)
  )
    .filter((r) => r > 0)
    .filter((r, i, all) => all.indexOf(r) === i);
  const phases = [
    { key: 'saturation', mode: 'closed', connections: options.connections },
    ...rates.map((rate) => ({ key: `rate ${rate}`, mode: 'open', rate })),
  ];
  const runs = Object.fromEntries(variants.map((v) => [v.name, Object.fromEntries(phases.map((p) => [p.key, []]))]));
  try {
    for (let rep = 0; rep < options.repetitions; rep += 1) {
      const order = variants.map((_, i) => variants[(i + rep) % variants.length]);
      for (const variant of order) {
        for (const phase of phases) {
          const watch = [variant.pid, ...subgraphPids].filter((p, i, all) => all.indexOf(p) === i);
          const r = await loader.run(
            {
              ...phase,
              target: variant.target,
              durationMs: options.duration * 1000,
              warmupMs: options.warmup * 1000,
            },
            watch,
          );
          // Straight to a subgraph, the variant's own process is the subgraph.
          const subgraphCpu = subgraphPids.reduce((sum, pid) => sum + r.cpu[pid], 0);
          // Over IPC a NaN (no answer in the window) arrives as null.
          for (const k of ['p50', 'p95', 'p99']) r[k] ??= Number.NaN;
          const row = {
            ...r,
            gatewayCpuPerRequest: variant.isGateway ? r.cpu[variant.pid] / Math.max(1, r.completed) : Number.NaN,
            processCpuPerRequest: r.cpu[variant.pid] / Math.max(1, r.completed),
            subgraphCpuPerRequest: subgraphCpu / Math.max(1, r.completed),
          };
          runs[variant.name][phase.key].push(row);
          log(
            `[rep ${rep + 1}] ${variant.name.padEnd(10)} ${phase.key.padEnd(10)} ${f(r.throughput, 0).padStart(6)} req/s  p50 ${f(r.p50)} ms  p95 ${f(r.p95)} ms  ` +
              `cpu ${f(row.processCpuPerRequest, 3)} ms/req${r.errors ? `  ${r.errors} errors (${String(r.firstError).slice(0, 120)})` : ''}`,
          );
        }
      }
    }
  } finally {
    loader.stop();
  }
  const results = {};
  for (const v of variants) {
    results[v.name] = {};
    for (const phase of phases) {
      const rs = runs[v.name][phase.key];
      results[v.name][phase.key] = {
        throughput: median(rs.map((r) => r.throughput)),
        p50: median(rs.map((r) => r.p50)),
        p95: median(rs.map((r) => r.p95)),
        p99: median(rs.map((r) => r.p99)),
        gatewayCpuPerRequest: median(rs.map((r) => r.gatewayCpuPerRequest)),
        processCpuPerRequest: median(rs.map((r) => r.processCpuPerRequest)),
        subgraphCpuPerRequest: median(rs.map((r) => r.subgraphCpuPerRequest)),
        errors: rs.reduce((s, r) => s + r.errors, 0),
        completed: rs.reduce((s, r) => s + r.completed, 0),
      };
    }
  }
  return { results, phases, rates };
}

export async function machine() {
  const { execSync } = await import('node:child_process');
  let pg = 'unknown';
  try {
    pg = execSync(
      `psql "${withDatabase(process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 'postgres')}" -Atc "show server_version"`,
      {
        encoding: 'utf8',
      },
    ).trim();
  } catch {}
  return `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, Postgres ${pg}, ${os.type()} ${os.release()}`;
}

const f = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/** The results table: each variant's numbers and its ratios to the baseline. */
export function table({ results, rates, variants, baseline, cpuReference }) {
  const base = results[baseline];
  const ref = results[cpuReference];
  const lines = [];
  lines.push(
    `| variant | saturation req/s | vs ${baseline} | ${rates.map((r) => `p95 @${r}/s (ms) | vs ${baseline}`).join(' | ')} | gateway CPU ms/req (saturation) | vs ${cpuReference} | ${rates.map((r) => `gateway CPU ms/req @${r}/s | vs ${cpuReference}`).join(' | ')} | req/s per gateway core | subgraphs CPU ms/req | errors |`,
  );
  lines.push(`| ${Array.from({ length: 9 + rates.length * 4 }, () => '---').join(' | ')} |`);
  for (const v of variants) {
    const r = results[v.name];
    const sat = r.saturation;
    const cells = [
      v.label ?? v.name,
      f(sat.throughput, 0),
      ratio(sat.throughput, base.saturation.throughput),
      ...rates.flatMap((rate) => {
        const cell = r[`rate ${rate}`];
        const behind = cell.throughput < rate * 0.95 ? ` (only ${f(cell.throughput, 0)}/s)` : '';
        return [`${f(cell.p95)}${behind}`, ratio(cell.p95, base[`rate ${rate}`].p95)];
      }),
      f(sat.gatewayCpuPerRequest, 3),
      ratio(sat.gatewayCpuPerRequest, ref.saturation.gatewayCpuPerRequest),
      ...rates.flatMap((rate) => {
        const cell = r[`rate ${rate}`];
        return [
          f(cell.gatewayCpuPerRequest, 3),
          ratio(cell.gatewayCpuPerRequest, ref[`rate ${rate}`].gatewayCpuPerRequest),
        ];
      }),
      Number.isFinite(sat.gatewayCpuPerRequest) ? f(1000 / sat.gatewayCpuPerRequest, 0) : '–',
      f(sat.subgraphCpuPerRequest, 3),
      String(Object.values(r).reduce((s, c) => s + c.errors, 0)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function writeReport(file, text) {
  writeFileSync(file, text);
  log(`written to ${path.relative(root, file)}`);
}
