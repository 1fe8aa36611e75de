#!/usr/bin/env node
// W1: router overhead. The storefront's product page query (ProductPage, answered by
// the products subgraph alone) served straight by the products subgraph (the
// baseline), through our router, through Hive Gateway and through Hive Gateway with its
// Rust query planner: saturation throughput, p95 at fixed rates, CPU milliseconds per
// request of the gateway process. Warm-up then measurement, three repetitions, medians.
//
//   pnpm --filter @storegraph/bench run w1 [-- --duration 5 --warmup 2 --rates auto|200,500
//       --warmup-round 5 --connections 16 --repetitions 3 --variants direct,router,hive,hive-rust
//       --products 2000 --port-offset 25000 --label router-overhead]
//       [--base <checkout> (adds the variant router-base: the router built in another checkout)]
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
  variants: 'direct,router,hive,hive-rust',
  products: 2000,
  portOffset: 25000,
  label: 'router-overhead',
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

const PRODUCT_PAGE = storefrontOperation('ProductPage');

const loadBefore = (await import('node:os')).loadavg();
const stack = await startBenchStack({
  portOffset: options.portOffset,
  products: options.products,
  hive: options.variants.includes('hive'),
  profileDir: options.profile,
  baseCheckout: options.base,
  // Benchmarks send far more than a guest's budget: buckets no run can empty (the
  // router still charges every request against them in Redis, as in production).
  routerEnv: { RATE_LIMIT_TIERS: JSON.stringify({ guest: { capacity: 1_000_000, refillPerSecond: 1_000_000 } }) },
});
let exitCode = 0;
try {
  const probe = await answer({
    url: stack.graphql('router'),
    body: { query: '{ products(first: 1, sortKey: CREATED_AT) { nodes { slug } } }' },
  });
  const slug = probe.json.data?.products?.nodes?.[0]?.slug;
  if (!slug) throw new Error(`no product to ask for: ${JSON.stringify(probe.json).slice(0, 300)}`);
  const body = { query: PRODUCT_PAGE.body, variables: { slug }, operationName: 'ProductPage' };
  const all = {
    direct: {
      name: 'direct',
      label: 'products subgraph, direct (baseline)',
      target: { url: stack.graphql('products'), body, signWith: stack.internalSecret },
      pid: stack.pids.products,
      isGateway: false,
    },
    router: {
      name: 'router',
      label: 'Storegraph router',
      target: { url: stack.graphql('router'), body },
      pid: stack.pids.router,
      isGateway: true,
    },
    'router-base': {
      name: 'router-base',
      label: stack.baseLabel,
      target: { url: stack.urls['router-base'], body },
      pid: stack.pids['router-base'],
      isGateway: true,
    },
    hive: {
      name: 'hive',
      label: 'Hive Gateway 2.15.1',
      target: { url: stack.urls.hive, body },
      pid: stack.pids.hive,
      isGateway: true,
    },
    'hive-rust': {
      name: 'hive-rust',
      label: 'Hive Gateway + Rust planner (router-runtime 1.4.23)',
      target: { url: stack.urls['hive-rust'], body },
      pid: stack.pids['hive-rust'],
      isGateway: true,
    },
  };
  const variants = options.variants.split(',').map((name) => {
    if (!all[name]) throw new Error(`unknown variant ${name} (known: ${Object.keys(all).join(', ')})`);
    if (name === 'router-base' && !options.base) throw new Error('the router-base variant needs --base <checkout>');
    return all[name];
  });
  // Every variant must give the same answer before any is timed.
  const expected = await answer({ ...variants[0].target, headers: {} });
  for (const v of variants) {
    const got = await answer(v.target);
    if (got.status !== 200 || JSON.stringify(got.json.data) !== JSON.stringify(expected.json.data) || got.json.errors) {
      throw new Error(`${v.name} answers differently: ${JSON.stringify(got.json).slice(0, 400)}`);
    }
  }
  log(`all variants answer the same (${JSON.stringify(expected.json).length} bytes); measuring`);
  const measured = await measureVariants({ variants, options, subgraphPids: [stack.pids.products] });
  const loadAfter = (await import('node:os')).loadavg();
  const baseline = variants.find((v) => v.name === 'direct') ? 'direct' : variants[0].name;
  const cpuReference = variants.find((v) => v.name === 'router') ? 'router' : variants[0].name;
  const given = Object.entries(options)
    .filter(([k, v]) => v !== defaults[k])
    .map(([k, v]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v}`)
    .join(' ');
  const command = `pnpm --filter @storegraph/bench run w1${given ? ` -- ${given}` : ''}`;
  const report = [
    `# W1: router overhead${options.label !== defaults.label ? ` (${options.label})` : ''}`,
    '',
    `Machine: ${await machine()}. Load average (1, 5, 15 min) ${loadBefore.map((l) => l.toFixed(2)).join(', ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(', ')} after: the machine is shared, so compare ratios within this run rather than absolute numbers across runs.`,
    '',
    `Command: \`${command}\``,
    '',
    `Query: the storefront's \`ProductPage\` (persisted manifest \`${PRODUCT_PAGE.id.slice(0, 12)}…\`), sent as full text with \`slug: "${slug}"\`; the products subgraph answers it alone, ${JSON.stringify(expected.json).length} bytes. Catalog of ${options.products.toLocaleString('en')} products.`,
    '',
    `A warm-up round of ${options.warmupRound} s per variant first${options.rates === 'auto' ? " (fixed rates `auto`: a quarter and a half of the slowest variant's saturation in that round)" : ''}. Each cell: ${options.warmup} s warm-up, then ${options.duration} s measured, ${options.repetitions} repetitions taken round the variants in turn, medians. Saturation: ${options.connections} clients in a closed loop. Fixed rates: an open loop (latency from the scheduled send time). Load generator: a separate Node process (node:http, keep-alive). CPU: user + system time of the process from /proc, divided by the requests answered in the window.`,
    '',
    table({ results: measured.results, rates: measured.rates, variants, baseline, cpuReference }),
    '',
    'Notes:',
    '',
    '- Every process is the built `dist` as `npm start` runs it (one Node process each), with `LOG_LEVEL=warn` everywhere (no access log line per request in any variant).',
    '- Subgraphs refuse calls without the internal proof: the direct baseline and both Hive Gateways sign every subgraph call with `internalCallHeaders` of `@storegraph/auth`, the same function our router uses (Hive Gateway in the `onFetch` hook of a plugin, after its own request-id plugin has set the `x-request-id` it signs).',
    '- Our router runs its full edge (operation limits, cost, rate limits charged in Redis with buckets too large to empty, safelist `off`; the load comes from one client address, an identity hot enough to be leased points in slices, as any identity sending one router 100 requests a second is: see router/README.md); Hive Gateway runs its defaults (no rate limits). Its overhead therefore includes work Hive Gateway does not do.',
    '- Both gateways share identical subgraph queries in flight (Hive Gateway by default, our router with `dedupeInflightQueries`): under many clients asking one page, the products subgraph answers a fraction of the requests. Straight to the subgraph nothing is shared, which is why the direct baseline can be slower than the gateways; compare the gateway CPU columns for the router overhead.',
    '- "req/s per gateway core" is 1000 / gateway CPU ms per request at saturation: what one core of that gateway would serve.',
    ...(options.note ? [`- $options.note`] : []),
    '',
  ].join('\n');
  process.stdout.write(report);
  writeReport(path.join(root, 'bench/results', `w1-${options.label}.md`), report);
} catch (error) {
  log(error.stack ?? String(error));
  exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
