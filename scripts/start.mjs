#!/usr/bin/env node
// `npm start`: from a fresh clone to a running Storegraph. Installs what is missing,
// prepares Postgres and Redis, migrates, seeds when empty, starts every process and
// prints their URLs. Ctrl-C stops everything.
import { checkNode, installAndBuild } from './bootstrap.mjs';

checkNode();
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seedProducts = Number(flag('--seed-products') ?? process.env.SEED_PRODUCTS ?? 10_000);
if (!Number.isInteger(seedProducts) || seedProducts < 1) {
  process.stderr.write('--seed-products must be a positive whole number\n');
  process.exit(2);
}
if (!args.includes('--no-install')) installAndBuild();

const { StackError, checkRedis, launch, prepareDatabases, preparePostgres, seed, DEFAULT_REDIS_URL } = await import(
  './stack.mjs'
);

const log = (message) => process.stdout.write(`\u001b[36m▸\u001b[0m ${message}\n`);
const admin = {
  email: process.env.ADMIN_EMAIL ?? 'admin@storegraph.local',
  password: process.env.ADMIN_PASSWORD ?? 'storegraph-admin-dev',
};

let postgres;
let stack;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  await stack?.stop();
  await postgres?.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  log('preparing Postgres');
  postgres = await preparePostgres({ url: process.env.POSTGRES_URL, log });
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  await checkRedis(redisUrl);
  log('creating and migrating databases');
  const databases = await prepareDatabases({
    serverUrl: postgres.serverUrl,
    prefix: process.env.DATABASE_PREFIX ?? 'storegraph_',
    env: process.env,
  });
  log(`seeding the catalog (${seedProducts.toLocaleString('en')} products; skipped when present)`);
  await seed({ databases, products: seedProducts, admin, log });
  log('starting services');
  stack = await launch({
    databases,
    redisUrl,
    redisPrefix: process.env.REDIS_KEY_PREFIX ?? 'sg:',
    logLevel: process.env.LOG_LEVEL ?? 'info',
  });
  for (const child of stack.children) {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`a Storegraph process exited (${signal ?? `code ${code}`}); stopping the rest\n`);
      shutdown(1);
    });
  }
  const u = stack.urls;
  process.stdout.write(`
\u001b[32mStoregraph is running\u001b[0m
  storefront   ${u.storefront}
  GraphQL API  ${u.router}/graphql   (router; the only public endpoint; GraphiQL in a browser)
  subgraphs    users ${u.users}  products ${u.products}  cart ${u.cart}  orders ${u.orders}  search ${u.search}
  health       ${u.router}/healthz  ${u.router}/readyz
  admin        ${admin.email} / ${admin.password}   (development credentials; set ADMIN_EMAIL / ADMIN_PASSWORD)

Press Ctrl-C to stop.
`);
} catch (error) {
  process.stderr.write(`\u001b[31m✖\u001b[0m ${error instanceof StackError ? error.message : error?.stack}\n`);
  await shutdown(1);
}
