#!/usr/bin/env node
// W4: checkout under contention. Buyers go through the public API (the router) of a
// real stack: users, products, cart, orders and the router, each its own process, as
// `npm start` runs them, on databases and a Redis key prefix of this run. Each buyer
// creates a guest cart with one unit and checks out with the TEST provider and an
// idempotency key; a share of them loses its first answer (client-side abort) or sends
// the same request twice at once, and retries always reuse the key.
//
//   pnpm --filter @storegraph/bench run w4 -- [--buyers 200] [--units 50] [--repetitions 3]
//        [--abort-share 0.1] [--duplicate-share 0.1] [--warmup 200] [--warmup-rounds 3] [--keep] [--label name] [--verbose]
//        [--cost-probe 20] [--cpu-prof dir] [--env process:NAME=value]...   (V8 CPU profiles of each process; summarise with w4/profile-top.mjs)
//
// Scenarios, each repeated (medians reported):
//   baseline  every buyer checks out a variant of its own, well stocked: no contention
//   hot       every buyer checks out the same variant, which holds --units units
// After each run the databases are read, not the answers: oversells (held or sold
// units beyond the stock, live orders beyond it), duplicates (a cart, hence an
// idempotency key, with more than one order), and how many buyers were told clearly
// that the stock ran out.
import { execSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '@storegraph/prisma';
import { seedCatalog } from '@storegraph/products/seed';
import { Redis } from 'ioredis';
import pg from 'pg';
import { checkRedis, launch, prepareDatabases, StackError } from '../../scripts/stack.mjs';
import { cpuDelta, cpuMs, machineBusyMs, ownCpuMs, serverCpuMs } from './cpu.mjs';
import { CartCreate, Checkout, checkoutInput } from './operations.mjs';
import { oversellReport, serverNow, settle } from './verify.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const count = (name, fallback, min = 1) => {
  const value = Number(arg(name, fallback));
  if (!Number.isInteger(value) || value < min) {
    process.stderr.write(`${name} must be a whole number of at least ${min}\n`);
    process.exit(2);
  }
  return value;
};
const share = (name, fallback) => {
  const value = Number(arg(name, fallback));
  if (!(value >= 0 && value <= 1)) {
    process.stderr.write(`${name} must be between 0 and 1\n`);
    process.exit(2);
  }
  return value;
};
const buyers = count('--buyers', '200');
const units = count('--units', '50');
const repetitions = count('--repetitions', '3');
// Warm-up: rounds of both scenarios, unmeasured. The stack needs several bursts to reach
// its steady state (compiled code, pooled connections): with one burst of 40 buyers the
// three measured repetitions still rose round after round (50, 73, 91 orders/s).
const warmupBuyers = count('--warmup', String(buyers), 0);
const warmupRounds = count('--warmup-rounds', '3', 0);
const abortShare = share('--abort-share', '0.1');
const duplicateShare = share('--duplicate-share', '0.1');
const portOffset = count('--port-offset', '17000', 0);
const probeBuyers = count('--cost-probe', '20', 0);
// --env process:NAME=value (repeatable): a setting of one process over the stack's, e.g.
// --env router:SUBGRAPH_TIMEOUTS=orders=30000. Written into the results with the command.
const extraEnv = {};
const envFlags = args.flatMap((a, i) => (a === '--env' ? [args[i + 1] ?? ''] : []));
for (const flag of envFlags) {
  const match = /^(users|products|cart|orders|router):([A-Z0-9_]+)=(.*)$/.exec(flag);
  if (!match) {
    process.stderr.write(
      `--env takes process:NAME=value (process: users, products, cart, orders, router), not ${flag}\n`,
    );
    process.exit(2);
  }
  extraEnv[match[1]] = { ...extraEnv[match[1]], [match[2]]: match[3] };
}
const keep = args.includes('--keep');
const verbose = args.includes('--verbose');
// V8 CPU profiles of every process, written when the stack stops (see profile-top.mjs).
const cpuProfDir = arg('--cpu-prof', null);
let serviceLines = 0;
const label = arg('--label', '');
const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const runId = randomBytes(3).toString('hex');
const databasePrefix = `sg_bench_w4_${runId}_`;
const redisPrefix = `sg-bench-w4-${runId}:`;
const log = (m) => process.stderr.write(`${m}\n`);

const percentile = (values, p) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => percentile(values, 50);
/** CPU ms so far of the servers the stack shares (Postgres, RabbitMQ, Redis), this load generator and the whole machine. */
const sharedCpu = () => ({
  ...serverCpuMs(),
  'load generator': ownCpuMs(),
  'machine (busy, all cores)': machineBusyMs(),
});

// ------------------------------------------------------------------ fixtures

/** Variants to buy: `wanted` live variants of one currency, stocked as given. */
async function pickVariants(products, wanted, exclude) {
  const { rows } = await products.query(
    `SELECT v.id::text AS id FROM product_variants v JOIN products p ON p.id = v.product_id
     WHERE p.deleted_at IS NULL AND p.currency_code = 'USD' AND v.price_minor > 0 AND NOT (v.id::text = ANY($1::text[]))
     ORDER BY v.id LIMIT $2`,
    [exclude, wanted],
  );
  if (rows.length < wanted) throw new StackError(`the bench catalog has only ${rows.length} USD variants`);
  return rows.map((r) => r.id);
}

async function stock(products, variantIds, onHand) {
  await products.query(
    `UPDATE product_variants SET quantity_on_hand = $2, quantity_reserved = 0 WHERE id = ANY($1::uuid[])`,
    [variantIds, onHand],
  );
}

// ------------------------------------------------------------------ buyers

/**
 * The buyers' client: node:http on keep-alive sockets, as W1/W2's load generator, since
 * it shares the two cores with the stack (fetch cost the bench process 2-2.5 ms of CPU per
 * buyer). A request not answered within `timeoutMs` is abandoned (its socket destroyed),
 * as a client that gave up would, and reported as a TimeoutError.
 */
const buyerAgent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

function post(routerUrl, query, variables, timeoutMs) {
  const t = performance.now();
  const url = new URL('/graphql', routerUrl);
  const body = Buffer.from(JSON.stringify({ query, variables }));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ms: performance.now() - t, ...answer });
    };
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: buyerAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          'apollo-require-preflight': 'true',
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', (error) => finish({ status: 0, error: error.name }));
        res.on('end', () => {
          let parsed = null;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // Not JSON: read as no body, as before.
          }
          finish({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    const timer = setTimeout(() => {
      finish({ status: 0, error: 'TimeoutError' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => finish({ status: 0, error: error.name }));
    req.end(body);
  });
}

/** How one checkout answer is read: an order, a final refusal, or something to retry with the same key. */
function readAnswer(answer) {
  if (answer.status === 0) return { kind: 'retry', why: `no answer (${answer.error})` };
  const payload = answer.body?.data?.checkout;
  if (payload?.order) return { kind: 'order', orderId: payload.order.id };
  const codes = (payload?.userErrors ?? []).map((e) => e.code);
  if (codes.includes('CHECKOUT_IN_PROGRESS')) return { kind: 'retry', why: 'in progress' };
  if (codes.length > 0) return { kind: 'refused', code: codes[0] };
  const code = answer.body?.errors?.[0]?.extensions?.code ?? `HTTP ${answer.status}`;
  return { kind: 'retry', why: code };
}

/**
 * One buyer: a guest cart with one unit, then checkout. Retries (at most 8, backing
 * off from 100 ms to 3 s) reuse the idempotency key. `lose` aborts the first request after a few
 * milliseconds, as a dropped connection would; `duplicate` sends the first request twice at once.
 */
async function buyer(routerUrl, variantId, { lose, duplicate }) {
  const out = {
    cart: null,
    cartRetries: [],
    checkoutMs: null,
    attempts: 0,
    retries: [],
    orderIds: new Set(),
    refusal: null,
  };
  let created;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const cart = await post(routerUrl, CartCreate, { lines: [{ variantId, quantity: 1 }] }, 30_000);
    created = cart.body?.data?.cartCreate;
    // A refusal (userErrors) is final; no answer or an error is retried, as a shopper would.
    if (created) break;
    out.cartRetries.push(cart.body?.errors?.[0]?.extensions?.code ?? `HTTP ${cart.status}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 3_000)));
  }
  if (!created?.cart) {
    out.cart = created?.userErrors?.[0]?.code ?? `no cart after 8 tries (${out.cartRetries.at(-1)})`;
    return out;
  }
  const input = checkoutInput(created.cart.id, `w4-${randomUUID()}`);
  const t0 = performance.now();
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const first = attempt === 0;
    const sends = first && duplicate ? 2 : 1;
    const timeoutMs = first && lose ? 5 + Math.floor(Math.random() * 60) : 30_000;
    const answers = await Promise.all(
      Array.from({ length: sends }, () => post(routerUrl, Checkout, { input }, timeoutMs)),
    );
    out.attempts += sends;
    const read = answers.map(readAnswer);
    for (const r of read) if (r.kind === 'order') out.orderIds.add(r.orderId);
    const final = read.find((r) => r.kind !== 'retry');
    if (final) {
      if (final.kind === 'refused' && out.orderIds.size === 0) out.refusal = final.code;
      break;
    }
    out.retries.push(...read.map((r) => r.why));
    // Backing off as a browser would: an open circuit at the router refuses for seconds.
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 3_000)));
  }
  out.checkoutMs = performance.now() - t0;
  return out;
}

async function runBuyers(routerUrl, variantOf, n) {
  const plan = Array.from({ length: n }, (_, i) => ({
    variantId: variantOf(i),
    lose: Math.random() < abortShare,
    duplicate: Math.random() < duplicateShare,
  }));
  const t0 = performance.now();
  const results = await Promise.all(plan.map((p) => buyer(routerUrl, p.variantId, p)));
  const wallMs = performance.now() - t0;
  return { results, wallMs, plan };
}

function summarise({ results, wallMs, plan }) {
  const checkedOut = results.filter((r) => r.checkoutMs !== null);
  const latencies = checkedOut.map((r) => r.checkoutMs);
  const orders = results.filter((r) => r.orderIds.size > 0).length;
  const refusals = {};
  for (const r of results) if (r.refusal) refusals[r.refusal] = (refusals[r.refusal] ?? 0) + 1;
  const cartRefusals = {};
  for (const r of results) if (r.cart) cartRefusals[r.cart] = (cartRefusals[r.cart] ?? 0) + 1;
  const retries = {};
  for (const r of results) for (const why of r.retries) retries[why] = (retries[why] ?? 0) + 1;
  for (const r of results) for (const why of r.cartRetries) retries[`cart ${why}`] = (retries[`cart ${why}`] ?? 0) + 1;
  return {
    wallMs,
    orders,
    ordersPerSecond: orders / (wallMs / 1000),
    // Buyers that got to checkout and finished: an order, a refusal, or giving up after 8 tries.
    finishedPerSecond: checkedOut.length / (wallMs / 1000),
    answersPerSecond: results.filter((r) => r.orderIds.size > 0 || r.refusal).length / (wallMs / 1000),
    attemptsPerSecond: results.reduce((s, r) => s + r.attempts, 0) / (wallMs / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    clientDuplicates: results.filter((r) => r.orderIds.size > 1).length,
    unanswered: checkedOut.filter((r) => r.orderIds.size === 0 && !r.refusal).length,
    refusals,
    cartRefusals,
    retries,
    lost: plan.filter((p) => p.lose).length,
    duplicated: plan.filter((p) => p.duplicate).length,
  };
}

// ------------------------------------------------------------------ main

let stack;
let databases;
let db;
async function cleanup() {
  await db?.end().catch(() => undefined);
  await stack?.stop();
  if (keep) {
    log(`kept databases ${databasePrefix}* and Redis keys ${redisPrefix}*`);
    return;
  }
  for (const url of Object.values(databases ?? {})) await dropDatabase(url).catch(() => undefined);
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

// Interrupted: stop the stack and drop what the run made before leaving.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

try {
  await checkRedis(redisUrl);
  log(`preparing databases ${databasePrefix}*`);
  databases = await prepareDatabases({ serverUrl, prefix: databasePrefix, env: {} });
  // Enough variants for a well-stocked one per baseline buyer, plus the hot ones.
  await seedCatalog({ databaseUrl: databases.products, products: Math.ceil((buyers + repetitions + 10) / 2) + 50 });
  db = new pg.Client({ connectionString: databases.products });
  db.on('error', () => {});
  await db.connect();
  const baseline = await pickVariants(db, buyers, []);
  const hot = await pickVariants(db, repetitions + 1, baseline);
  await stock(db, baseline, 1_000_000);
  await stock(db, hot, units);
  const profiling = {};
  if (cpuProfDir) {
    mkdirSync(path.resolve(cpuProfDir), { recursive: true });
    for (const name of ['users', 'products', 'cart', 'orders', 'router']) {
      profiling[name] = [
        '--cpu-prof',
        `--cpu-prof-dir=${path.resolve(cpuProfDir)}`,
        `--cpu-prof-name=${name}.cpuprofile`,
      ];
    }
  }
  log('starting users, products, cart, orders and the router');
  stack = await launch({
    databases,
    redisUrl,
    redisPrefix,
    portOffset,
    logLevel: 'warn',
    only: ['users', 'products', 'cart', 'orders', 'router'],
    // Service lines (warnings and errors only) are counted; --verbose prints them.
    print: (line) => {
      serviceLines += 1;
      if (verbose) log(line);
    },
    nodeArgs: profiling,
    env: {
      ...extraEnv,
      // Every buyer comes from 127.0.0.1: the router's per-address buckets are set far
      // above this load, so they are not what is measured.
      router: {
        RATE_LIMIT_TIERS: JSON.stringify({ guest: { capacity: 1_000_000, refillPerSecond: 1_000_000 } }),
        ...extraEnv.router,
      },
    },
  });
  const routerUrl = stack.urls.router;
  const processes = ['users', 'products', 'cart', 'orders', 'router'].map((name, i) => [name, stack.children[i].pid]);

  const warmup = [];
  const spareHot = hot[repetitions];
  for (let round = 0; warmupBuyers > 0 && round < warmupRounds; round += 1) {
    for (const scenario of ['baseline', 'hot']) {
      const since = await serverNow(databases);
      const variantOf = scenario === 'hot' ? () => spareHot : (i) => baseline[i % baseline.length];
      const summary = summarise(await runBuyers(routerUrl, variantOf, warmupBuyers));
      await settle(databases, { variantIds: scenario === 'hot' ? [spareHot] : baseline, since, timeoutMs: 30_000 });
      log(`warm-up ${scenario} ${round + 1}/${warmupRounds}: ${summary.ordersPerSecond.toFixed(1)} orders/s`);
      warmup.push(`${scenario} ${summary.ordersPerSecond.toFixed(1)}`);
      await stock(db, scenario === 'hot' ? [spareHot] : baseline, scenario === 'hot' ? units : 1_000_000);
    }
  }

  // The cost of one checkout with nothing else running: buyers one at a time, no lost
  // answers or duplicates. CPU and statements per order from here compare code changes
  // on a machine whose load moves the wall-clock numbers.
  let probe = null;
  if (probeBuyers > 0) {
    const since = await serverNow(databases);
    const cpuBefore = cpuMs(processes);
    const sharedBefore = sharedCpu();
    const statementsBefore = await statementCounts(stack.metricsUrls);
    const latencies = [];
    let probeOrders = 0;
    for (let i = 0; i < probeBuyers; i += 1) {
      const result = await buyer(routerUrl, baseline[i % baseline.length], { lose: false, duplicate: false });
      if (result.orderIds.size > 0) probeOrders += 1;
      if (result.checkoutMs !== null) latencies.push(result.checkoutMs);
    }
    await settle(databases, { variantIds: baseline, since, timeoutMs: 30_000 });
    const cpu = cpuDelta(cpuBefore, cpuMs(processes));
    const shared = cpuDelta(sharedBefore, sharedCpu());
    const statements = cpuDelta(statementsBefore, await statementCounts(stack.metricsUrls));
    probe = { orders: probeOrders, p50: percentile(latencies, 50), cpu, shared, statements };
    log(`cost probe: ${probeOrders}/${probeBuyers} orders, p50 ${probe.p50.toFixed(0)} ms, CPU ${JSON.stringify(cpu)}`);
    await stock(db, baseline, 1_000_000);
  }

  const runs = { baseline: [], hot: [] };
  for (let r = 0; r < repetitions; r += 1) {
    for (const scenario of ['baseline', 'hot']) {
      const variantOf = scenario === 'hot' ? () => hot[r] : (i) => baseline[i];
      const since = await serverNow(databases);
      const cpuBefore = cpuMs(processes);
      const sharedBefore = sharedCpu();
      const statementsBefore = await statementCounts(stack.metricsUrls);
      const summary = summarise(await runBuyers(routerUrl, variantOf, buyers));
      const ids = scenario === 'hot' ? [hot[r]] : baseline;
      const settled = await settle(databases, { variantIds: ids, since, timeoutMs: 60_000 });
      // Until the payments settled: the work an order causes after its answer counts too.
      const cpu = cpuDelta(cpuBefore, cpuMs(processes));
      const shared = cpuDelta(sharedBefore, sharedCpu());
      const statements = cpuDelta(statementsBefore, await statementCounts(stack.metricsUrls));
      const verified = await oversellReport(databases, {
        variantIds: ids,
        unitsEach: scenario === 'hot' ? units : 1_000_000,
        since,
      });
      runs[scenario].push({ ...summary, ...verified, settled, cpu, shared, statements });
      log(
        `[${scenario} ${r + 1}/${repetitions}] (${serviceLines} service warnings/errors so far)  ${summary.orders} orders in ${(summary.wallMs / 1000).toFixed(2)} s: ` +
          `${summary.ordersPerSecond.toFixed(1)} orders/s, ${summary.answersPerSecond.toFixed(1)} answers/s, ` +
          `p50 ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms; oversold ${verified.oversold}, ` +
          `duplicate orders ${verified.duplicateOrders}, out of stock told ${summary.refusals.OUT_OF_STOCK ?? 0} ` +
          `(+ ${summary.cartRefusals.INSUFFICIENT_STOCK ?? 0} at the cart), carts refused ${JSON.stringify(summary.cartRefusals)}, ` +
          `checkout refusals ${JSON.stringify(summary.refusals)}, retries ${JSON.stringify(summary.retries)}`,
      );
      if (scenario === 'baseline') await stock(db, baseline, 1_000_000);
    }
  }
  writeReport(runs, probe, warmup);
} catch (error) {
  log(error instanceof StackError ? error.message : error?.stack);
  process.exitCode = 1;
} finally {
  await cleanup();
}

function writeReport(runs, probe, warmup) {
  const cpus = os.cpus();
  const pgVersion = execSync(`psql "${serverUrl}" -Atc "show server_version"`, { encoding: 'utf8' }).trim();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const machine = `${cpus[0]?.model ?? 'cpu'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, Postgres ${pgVersion}, load average at the end ${load}`;
  const med = (scenario, key) => median(runs[scenario].map((x) => x[key]));
  const sum = (scenario, key) => runs[scenario].reduce((s, x) => s + x[key], 0);
  const rows = [
    ['orders per second (wall time)', 'ordersPerSecond', 1],
    ['checkout answers per second (an order or a refusal)', 'answersPerSecond', 1],
    ['buyers through checkout per second (answered, or gave up after 8 tries)', 'finishedPerSecond', 1],
    ['checkout requests per second (retries and duplicates included)', 'attemptsPerSecond', 1],
    ['checkout latency p50 (ms, first request to final answer)', 'p50', 0],
    ['checkout latency p95 (ms)', 'p95', 0],
    ['wall time (s)', 'wallMs', 2, 1 / 1000],
    ['orders', 'orders', 0],
  ];
  const command = `pnpm --filter @storegraph/bench run w4 -- --buyers ${buyers} --units ${units} --repetitions ${repetitions} --abort-share ${abortShare} --duplicate-share ${duplicateShare} --warmup ${warmupBuyers} --warmup-rounds ${warmupRounds} --cost-probe ${probeBuyers}${envFlags.map((f) => ` --env ${f}`).join('')}${label ? ` --label ${label}` : ''}`;
  const lines = [
    `# W4: checkout under contention${label ? ` (${label})` : ''}`,
    '',
    `Machine: ${machine}.`,
    `Command: \`${command}\``,
    '',
    `${buyers} buyers at once, each a guest cart with one unit then \`checkout\` (TEST provider) through the router; ` +
      `users, products, cart, orders and the router as separate processes (as \`npm start\` runs them), the router's rate limits set far above the load. ` +
      `Baseline: each buyer a well-stocked variant of its own (no contention). Hot: every buyer the same variant with ${units} units. ` +
      `A warm-up of ${warmupRounds} unmeasured rounds of both scenarios with ${warmupBuyers} buyers each, then ${repetitions} repetitions of each, medians. ` +
      `About ${Math.round(abortShare * 100)} % of buyers lose their first answer (aborted after 5-65 ms) and ${Math.round(duplicateShare * 100)} % send their first request twice at once; every retry reuses the idempotency key.`,
    '',
    '| measure | baseline | hot variant | hot / baseline |',
    '| --- | --- | --- | --- |',
  ];
  for (const [name, key, digits, scale = 1] of rows) {
    const b = med('baseline', key) * scale;
    const h = med('hot', key) * scale;
    lines.push(`| ${name} | ${b.toFixed(digits)} | ${h.toFixed(digits)} | ${(h / b).toFixed(2)}× |`);
  }
  lines.push(
    '',
    'Checked in the databases after each run, once payments settled (sums over the repetitions):',
    '',
    '| check | baseline | hot variant |',
    '| --- | --- | --- |',
    `| oversold units (held + sold beyond the stock, or live orders beyond it); must be 0 | ${sum('baseline', 'oversold')} | ${sum('hot', 'oversold')} |`,
    `| duplicate orders (a cart, hence an idempotency key, with 2+ orders); must be 0 | ${sum('baseline', 'duplicateOrders')} | ${sum('hot', 'duplicateOrders')} |`,
    `| buyers answered two different orders for one key | ${sum('baseline', 'clientDuplicates')} | ${sum('hot', 'clientDuplicates')} |`,
    `| orders paid | ${sum('baseline', 'paid')} | ${sum('hot', 'paid')} |`,
    `| units sold (committed) / still held | ${sum('baseline', 'committed')} / ${sum('baseline', 'held')} | ${sum('hot', 'committed')} / ${sum('hot', 'held')} |`,
    `| buyers told OUT_OF_STOCK at checkout | ${refusalSum(runs.baseline, 'refusals', 'OUT_OF_STOCK')} | ${refusalSum(runs.hot, 'refusals', 'OUT_OF_STOCK')} |`,
    `| buyers whose cart add was refused (INSUFFICIENT_STOCK) | ${refusalSum(runs.baseline, 'cartRefusals', 'INSUFFICIENT_STOCK')} | ${refusalSum(runs.hot, 'cartRefusals', 'INSUFFICIENT_STOCK')} |`,
    `| other refusals | ${otherRefusals(runs.baseline)} | ${otherRefusals(runs.hot)} |`,
    `| runs whose payments had not settled within 60 s | ${runs.baseline.filter((x) => !x.settled).length} | ${runs.hot.filter((x) => !x.settled).length} |`,
    `| warnings and errors the services logged (whole command, warm-up included) | ${serviceLines} | |`,
    `| buyers without a final answer after 8 tries | ${sum('baseline', 'unanswered')} | ${sum('hot', 'unanswered')} |`,
    `| retries, cartCreate and checkout (why: count) | ${retrySum(runs.baseline)} | ${retrySum(runs.hot)} |`,
    `| buyers that lost their first answer / sent it twice | ${sum('baseline', 'lost')} / ${sum('baseline', 'duplicated')} | ${sum('hot', 'lost')} / ${sum('hot', 'duplicated')} |`,
    '',
    ...(probe ? probeLines(probe) : []),
    "CPU time of each process per buyer through checkout (answered or not; ms, user + system, from the run's start until its payments settled; medians): it does not depend on the share of the cores the run got on a busy machine.",
    '',
    '| process | baseline | hot variant |',
    '| --- | --- | --- |',
    ...perAnswerRows(runs, 'cpu', 1),
    ...perAnswerRows(runs, 'shared', 1, false),
    '',
    "The stack's processes above, then the servers it shares, the load generator (this command) and the whole machine's busy time over the same span; what the machine spent beyond the sum is other processes and the kernel's own work.",
    '',
    "SQL statements sent per buyer through checkout (the services' own `db_query_duration_seconds` counts, same span; medians): a count, so it does not depend on the load either.",
    '',
    '| process | baseline | hot variant |',
    '| --- | --- | --- |',
    ...perAnswerRows(runs, 'statements', 1),
    '',
    `Warm-up rounds, not counted (orders/s): ${warmup.join(', ') || 'none'}.`,
    '',
    'Each repetition (orders/s, p95 ms):',
    '',
    ...['baseline', 'hot'].map(
      (s) =>
        `- ${s}: ${runs[s].map((x) => `${x.ordersPerSecond.toFixed(1)} orders/s, p95 ${x.p95.toFixed(0)}`).join('; ')}`,
    ),
    '',
  );
  const report = `${lines.join('\n')}\n`;
  process.stdout.write(report);
  mkdirSync(path.join(here, '../results'), { recursive: true });
  const file = path.join(here, '../results', `w4-${buyers}-${units}${label ? `-${label}` : ''}.md`);
  writeFileSync(file, report);
  log(`written to ${path.relative(root, file)}`);
}

function probeLines(probe) {
  const names = Object.keys(probe.cpu);
  const per = (v) => (v === null || v === undefined ? 'n/a' : (v / probe.orders).toFixed(1));
  const sum = (o) => Object.values(o).reduce((s, v) => s + (v ?? 0), 0);
  return [
    `Cost of one checkout, buyers one at a time before the runs (${probe.orders} orders, checkout p50 ${probe.p50.toFixed(0)} ms), per order until its payment settled:`,
    '',
    '| process | CPU ms per order | SQL statements per order |',
    '| --- | --- | --- |',
    ...names.map((n) => `| ${n} | ${per(probe.cpu[n])} | ${per(probe.statements[n])} |`),
    `| all | ${per(sum(probe.cpu))} | ${per(sum(probe.statements))} |`,
    ...Object.keys(probe.shared).map((n) => `| ${n} | ${per(probe.shared[n])} | |`),
    '',
  ];
}

/** A per-process measure (`cpu`, `shared` or `statements`) divided by the buyers through checkout of each run; medians, then their total (`withTotal`). */
function perAnswerRows(runs, key, digits, withTotal = true) {
  const per = (x, name) =>
    x[key][name] === null || x[key][name] === undefined
      ? Number.NaN
      : x[key][name] / (x.finishedPerSecond * (x.wallMs / 1000));
  const names = Object.keys(runs.baseline[0]?.[key] ?? {});
  const total = (x) => names.reduce((s, n) => s + per(x, n), 0);
  return [
    ...names.map(
      (n) =>
        `| ${n} | ${median(runs.baseline.map((x) => per(x, n))).toFixed(digits)} | ${median(runs.hot.map((x) => per(x, n))).toFixed(digits)} |`,
    ),
    ...(withTotal
      ? [
          `| all | ${median(runs.baseline.map(total)).toFixed(digits)} | ${median(runs.hot.map(total)).toFixed(digits)} |`,
        ]
      : []),
  ];
}

/** Postgres statements each process has sent so far, from its Prometheus endpoint. */
async function statementCounts(metricsUrls) {
  const out = {};
  for (const name of ['users', 'products', 'orders']) {
    try {
      const text = await (await fetch(metricsUrls[name], { signal: AbortSignal.timeout(10_000) })).text();
      out[name] = text
        .split('\n')
        .filter((line) => line.startsWith('db_query_duration_seconds_count'))
        .reduce((s, line) => s + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    } catch {
      out[name] = null;
    }
  }
  return out;
}

function refusalSum(list, key, code) {
  return list.reduce((s, x) => s + (x[key][code] ?? 0), 0);
}

function otherRefusals(list) {
  const all = {};
  for (const x of list) {
    for (const [k, v] of Object.entries(x.refusals)) if (k !== 'OUT_OF_STOCK') all[k] = (all[k] ?? 0) + v;
    for (const [k, v] of Object.entries(x.cartRefusals))
      if (k !== 'INSUFFICIENT_STOCK') all[`cart ${k}`] = (all[`cart ${k}`] ?? 0) + v;
  }
  return (
    Object.entries(all)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ') || 'none'
  );
}

function retrySum(list) {
  const all = {};
  for (const x of list) for (const [k, v] of Object.entries(x.retries)) all[k] = (all[k] ?? 0) + v;
  return (
    Object.entries(all)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ') || 'none'
  );
}
