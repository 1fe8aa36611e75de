import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropDatabase } from '@storegraph/prisma';
import { deleteRedisPrefix, testRedisPrefix, testRedisUrl, testRunId, testServerUrl } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, prepareDatabases, seed } from '../../scripts/stack.mjs';
import { freePort, infraDir, requireTool } from './tools.js';

// Debian's Prometheus against the real processes `npm start` runs, with the
// platform's alert rules loaded: every target must be up and the key series present.

type Stack = Awaited<ReturnType<typeof launch>>;
let stack: Stack | undefined;
let prometheus: ChildProcess | undefined;
let promUrl = '';
let databases: Record<string, string> = {};
const redisPrefix = testRedisPrefix('prom');
const scratch = mkdtempSync(path.join(tmpdir(), 'sg-prom-'));
// Its processes then listen on 13,000-15,985 and their metrics on 19,464-21,449: clear
// of the development ports, of the end-to-end suites' stacks (offsets from 20,000 and
// 30,000, which may run at the same time as this package) and of the ephemeral range.
const portOffset = 10_000 + (process.pid % 100) * 20;

async function api(pathAndQuery: string): Promise<any> {
  const res = await fetch(`${promUrl}${pathAndQuery}`);
  const body = (await res.json()) as any;
  if (body.status !== 'success') throw new Error(`${pathAndQuery}: ${JSON.stringify(body)}`);
  return body.data;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} not seen within ${timeoutMs} ms${last ? `: ${last}` : ''}`);
}

beforeAll(async () => {
  requireTool('prometheus', "apt-get install prometheus (Debian's package; .ci/run does)");
  databases = await prepareDatabases({ serverUrl: testServerUrl(), prefix: `sg_test_${testRunId()}_prom_`, env: {} });
  await seed({
    databases,
    products: 30,
    admin: { email: 'prom@storegraph.test', password: 'prom-password-1' },
    log: () => {},
  });
  stack = await launch({
    databases,
    redisUrl: testRedisUrl(),
    redisPrefix,
    portOffset,
    logLevel: 'warn',
    print: () => {},
  });
  const targets = (name: string) => [new URL(stack?.metricsUrls[name] as string).host];
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [path.join(infraDir, 'prometheus/rules/*.rules.yml')],
    scrape_configs: [
      { job_name: 'router', static_configs: [{ targets: targets('router') }] },
      {
        job_name: 'subgraphs',
        static_configs: [{ targets: ['users', 'products', 'cart', 'orders', 'search'].flatMap(targets) }],
      },
    ],
  };
  writeFileSync(path.join(scratch, 'prometheus.yml'), JSON.stringify(config));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    'prometheus',
    [
      `--config.file=${path.join(scratch, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(scratch, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: 'ignore' },
  );
  await eventually('prometheus ready', async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined));
}, 240_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus?.once('exit', r));
    prometheus.kill('SIGTERM');
    await exited;
  }
  await stack?.stop();
  await Promise.all(Object.values(databases).map((url) => dropDatabase(url)));
  await deleteRedisPrefix(redisPrefix);
  rmSync(scratch, { recursive: true, force: true });
});

describe('Prometheus against the running stack', () => {
  it('scrapes every target and finds it up', async () => {
    const active = await eventually('all targets up', async () => {
      const data = await api('/api/v1/targets?state=active');
      const targets = data.activeTargets as Array<{ health: string; labels: Record<string, string> }>;
      return targets.length === 6 && targets.every((t) => t.health === 'up') ? targets : undefined;
    });
    expect(active.map((t) => t.labels.job).sort()).toEqual(['router', ...Array(5).fill('subgraphs')]);
  });

  it('has the key series of each service after traffic through the router', async () => {
    const routerUrl = stack?.urls.router as string;
    for (const query of [
      'query PromHome { products(first: 3) { nodes { id title } } }',
      'query PromSearch { search(query: "zzzz-no-such-thing", first: 1) { products { totalCount } } }',
    ]) {
      const res = await fetch(`${routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect(res.status).toBe(200);
    }
    const series = [
      'graphql_operations_total{service="router",operation="PromHome"}',
      'router_subgraph_fetch_duration_seconds_count{subgraph="products"}',
      'router_subgraph_fetch_duration_seconds_count{subgraph="search"}',
      'graphql_operation_duration_seconds_count{service="products"}',
      'search_queries_total{result="zero"}',
      'db_query_duration_seconds_count{service="products",statement="SELECT"}',
      'redis_command_duration_seconds_count{service="products"}',
      'catalog_outbox_lag_seconds{service="products"}',
      'catalog_queue_jobs{service="products"}',
      'http_requests_total{service="users"}',
      'process_resident_memory_bytes{service="cart"}',
      'nodejs_eventloop_lag_seconds{service="orders"}',
      'up{job="subgraphs"}',
    ];
    for (const selector of series) {
      await eventually(selector, async () => {
        const data = await api(`/api/v1/query?query=${encodeURIComponent(selector)}`);
        return data.result.length > 0 ? true : undefined;
      });
    }
  });

  it('loads the alert rules and evaluates them without errors, with no alert firing on a healthy stack', async () => {
    const groups = await eventually('rules evaluated', async () => {
      const data = await api('/api/v1/rules');
      const all = data.groups as Array<{ name: string; rules: Array<{ health: string; name: string }> }>;
      return all.length > 0 && all.every((g) => g.rules.every((r) => r.health === 'ok')) ? all : undefined;
    });
    expect(groups.map((g) => g.name)).toContain('storegraph-events');
    const alerts = await api('/api/v1/alerts');
    expect(alerts.alerts.filter((a: { state: string }) => a.state === 'firing')).toEqual([]);
  });
});
