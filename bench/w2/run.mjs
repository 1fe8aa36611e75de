#!/usr/bin/env node
// W2: a storefront page across three subgraphs. The cart page of a signed-in customer
// (the storefront's persisted `MyCart`): `me` from users (Postgres), its cart from
// cart (Redis), each line's product from products (Postgres). Our router is the
// baseline; Hive Gateway and Hive Gateway with the Rust planner are reported against
// it. Saturation, p95 at fixed rates, gateway CPU per request; three repetitions, medians.
//
//   pnpm --filter @storegraph/bench run w2 [-- --duration 5 --warmup 2 --rates auto|100,200
//       --warmup-round 5 --connections 16 --repetitions 3 --lines 4
//       --variants router,hive,hive-rust --products 2000 --port-offset 25000 --label storefront-cart-page]
//       [--base <checkout> (adds the variant router-base: the router built in another checkout)]
//
// The customer's access token lives 15 minutes: a run must end within that.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  answer,
  log,
  machine,
  measureVariants,
  parseArgs,
  root,
  startBenchStack,
  table,
  writeReport,
} from '../gateways/harness.mjs';
import { storefrontOperation } from '../storefront-operations.mjs';

const defaults = {
  duration: 5,
  warmup: 2,
  rates: 'auto',
  warmupRound: 5,
  connections: 16,
  repetitions: 3,
  lines: 4,
  variants: 'router,hive,hive-rust',
  products: 2000,
  portOffset: 25000,
  label: 'storefront-cart-page',
  note: '',
  profile: '',
  base: '',
};
let options;
try {
  options = parseArgs(process.argv.slice(2), defaults);
} catch (error) {
  log(error.message);
  process.exit(2);
}

const MY_CART = storefrontOperation('MyCart');

const os = await import('node:os');
const loadBefore = os.loadavg();
const unlimited = { capacity: 1_000_000, refillPerSecond: 1_000_000 };
const stack = await startBenchStack({
  portOffset: options.portOffset,
  products: options.products,
  hive: options.variants.includes('hive'),
  profileDir: options.profile,
  baseCheckout: options.base,
  routerEnv: { RATE_LIMIT_TIERS: JSON.stringify({ guest: unlimited, customer: unlimited }) },
});
let exitCode = 0;
try {
  const router = stack.graphql('router');
  const call = async (operation, variables, headers = {}) => {
    const res = await answer({ url: router, body: { query: operation.body, variables }, headers });
    if (res.json.errors) throw new Error(`${operation.name}: ${JSON.stringify(res.json.errors).slice(0, 300)}`);
    return res.json.data;
  };
  // A customer of its own each run, with a cart of `lines` products, made through the API.
  const email = `bench-${randomBytes(6).toString('hex')}@storegraph.test`;
  const registered = await call(storefrontOperation('Register'), {
    input: { email, password: `bench-${randomBytes(12).toString('hex')}`, name: 'Bench Customer' },
  });
  const token = registered.register.accessToken;
  if (!token) throw new Error(`registration refused: ${JSON.stringify(registered.register.userErrors)}`);
  const authorization = `Bearer ${token}`;
  const catalog = await answer({
    url: router,
    body: {
      query: `{ products(first: ${options.lines * 3}, sortKey: CREATED_AT) { nodes { variants { id availableForSale quantityAvailable } } } }`,
    },
  });
  const variantIds = catalog.json.data.products.nodes
    .map((p) => p.variants.find((v) => v.availableForSale && v.quantityAvailable > 2)?.id)
    .filter(Boolean)
    .slice(0, options.lines);
  const created = await call(
    storefrontOperation('CartCreate'),
    { lines: variantIds.map((variantId) => ({ variantId, quantity: 1 })) },
    { authorization },
  );
  if (created.cartCreate.userErrors?.length)
    throw new Error(`cart refused: ${JSON.stringify(created.cartCreate.userErrors)}`);
  const body = { query: MY_CART.body, operationName: 'MyCart' };
  const headers = { authorization };
  const all = {
    router: {
      name: 'router',
      label: 'Storegraph router (baseline)',
      target: { url: router, body, headers },
      pid: stack.pids.router,
      isGateway: true,
    },
    'router-base': {
      name: 'router-base',
      label: stack.baseLabel,
      target: { url: stack.urls['router-base'], body, headers },
      pid: stack.pids['router-base'],
      isGateway: true,
    },
    hive: {
      name: 'hive',
      label: 'Hive Gateway 2.15.1',
      target: { url: stack.urls.hive, body, headers },
      pid: stack.pids.hive,
      isGateway: true,
    },
    'hive-rust': {
      name: 'hive-rust',
      label: 'Hive Gateway + Rust planner (router-runtime 1.4.23)',
      target: { url: stack.urls['hive-rust'], body, headers },
      pid: stack.pids['hive-rust'],
      isGateway: true,
    },
  };
  const variants = options.variants.split(',').map((name) => {
    if (!all[name]) throw new Error(`unknown variant ${name} (known: ${Object.keys(all).join(', ')})`);
    if (name === 'router-base' && !options.base) throw new Error('the router-base variant needs --base <checkout>');
    return all[name];
  });
  const expected = await answer(variants[0].target);
  const lines = expected.json.data?.me?.cart?.lines ?? [];
  if (lines.length !== variantIds.length || lines.some((l) => !l.variant?.product?.slug)) {
    throw new Error(`the cart page is not what was set up: ${JSON.stringify(expected.json).slice(0, 400)}`);
  }
  for (const v of variants) {
    const got = await answer(v.target);
    if (got.status !== 200 || got.json.errors || JSON.stringify(got.json.data) !== JSON.stringify(expected.json.data)) {
      throw new Error(`${v.name} answers differently: ${JSON.stringify(got.json).slice(0, 400)}`);
    }
  }
  log(`all variants answer the same (${JSON.stringify(expected.json).length} bytes, ${lines.length} lines); measuring`);
  const subgraphPids = [stack.pids.users, stack.pids.cart, stack.pids.products];
  const measured = await measureVariants({ variants, options, subgraphPids });
  const loadAfter = os.loadavg();
  const baseline = variants[0].name;
  const given = Object.entries(options)
    .filter(([k, v]) => v !== defaults[k])
    .map(([k, v]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v}`)
    .join(' ');
  const command = `pnpm --filter @storegraph/bench run w2${given ? ` -- ${given}` : ''}`;
  const report = [
    `# W2: storefront cart page across three subgraphs${options.label !== defaults.label ? ` (${options.label})` : ''}`,
    '',
    `Machine: ${await machine()}. Load average (1, 5, 15 min) ${loadBefore.map((l) => l.toFixed(2)).join(', ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(', ')} after: the machine is shared, so compare ratios within this run rather than absolute numbers across runs.`,
    '',
    `Command: \`${command}\``,
    '',
    `Query: the storefront's \`MyCart\` (persisted manifest \`${MY_CART.id.slice(0, 12)}…\`), sent as full text with a customer's bearer token: \`me\` from users (Postgres), its cart from cart (Redis), each line's variant and product from products (Postgres, an entity fetch). A customer registered for the run, ${lines.length} lines; ${JSON.stringify(expected.json).length} bytes. Catalog of ${options.products.toLocaleString('en')} products.`,
    '',
    `Baseline: our router (a query across three subgraphs has no direct equivalent). A warm-up round of ${options.warmupRound} s per variant first${options.rates === 'auto' ? " (fixed rates `auto`: a quarter and a half of the slowest variant's saturation in that round)" : ''}. Each cell: ${options.warmup} s warm-up, then ${options.duration} s measured, ${options.repetitions} repetitions taken round the variants in turn, medians. Saturation: ${options.connections} clients in a closed loop. Fixed rates: an open loop (latency from the scheduled send time). Load generator: a separate Node process (node:http, keep-alive). CPU: user + system time of the process from /proc, divided by the requests answered in the window; "subgraphs" sums users, cart and products.`,
    '',
    table({ results: measured.results, rates: measured.rates, variants, baseline, cpuReference: baseline }),
    '',
    'Notes:',
    '',
    '- Every process is the built `dist` as `npm start` runs it (one Node process each), with `LOG_LEVEL=warn` everywhere (no access log line per request in any variant).',
    "- Subgraphs verify the bearer token themselves and refuse calls without the internal proof: both Hive Gateways forward the `Authorization` header and sign every subgraph call with `internalCallHeaders` of `@storegraph/auth`, the function our router uses (in a plugin's `onFetch` hook).",
    '- Our router runs its full edge (token verification, operation limits, cost, rate limits charged in Redis with buckets too large to empty, safelist `off`; the load comes from one client address, an identity hot enough to be leased points in slices, as any identity sending one router 100 requests a second is: see router/README.md); Hive Gateway runs its defaults.',
    "- Both gateways share identical subgraph queries in flight (Hive Gateway by default, our router with `dedupeInflightQueries`, keyed by the Authorization header too): the customer's concurrent page loads cost the subgraphs a fraction of the calls.",
    '- "req/s per gateway core" is 1000 / gateway CPU ms per request at saturation.',
    ...(options.note ? [`- ${options.note}`] : []),
    '',
  ].join('\n');
  process.stdout.write(report);
  writeReport(path.join(root, 'bench/results', `w2-${options.label}.md`), report);
} catch (error) {
  log(error.stack ?? String(error));
  exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
