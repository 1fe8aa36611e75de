import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testRedisPrefix, testRedisUrl } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, infraDir, repoRoot, requireTool } from './tools.js';

// Two real router processes behind Debian's nginx, configured from the same
// template Compose uses (infra/nginx/router-lb.conf.template).

const scratch = mkdtempSync(path.join(tmpdir(), 'sg-lb-'));
const routers: ChildProcess[] = [];
let nginx: ChildProcess | undefined;
let lbUrl = '';
const ports: number[] = [];

async function waitFor(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function startRouter(port: number): ChildProcess {
  const child = spawn('node', ['dist/main.js'], {
    cwd: path.join(repoRoot, 'router'),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      INTERNAL_SECRET: randomBytes(32).toString('base64url'),
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: `${testRedisPrefix('lb')}router:`,
      TRUSTED_PROXY_HOPS: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  routers.push(child);
  return child;
}

beforeAll(async () => {
  requireTool('nginx', "apt-get install nginx (Debian's package; .ci/run does)");
  for (let i = 0; i < 3; i += 1) ports.push(await freePort());
  const [lbPort, a, b] = ports as [number, number, number];
  startRouter(a);
  startRouter(b);
  await Promise.all([waitFor(`http://127.0.0.1:${a}/healthz`), waitFor(`http://127.0.0.1:${b}/healthz`)]);
  const template = readFileSync(path.join(infraDir, 'nginx/router-lb.conf.template'), 'utf8');
  // envsubst, as the nginx image runs it on the template.
  const values: Record<string, string> = {
    ROUTER_1: `127.0.0.1:${a}`,
    ROUTER_2: `127.0.0.1:${b}`,
    LISTEN: `127.0.0.1:${lbPort}`,
  };
  const site = template.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  for (const dir of ['logs', 'tmp']) mkdirSync(path.join(scratch, dir));
  const temp = (name: string) => path.join(scratch, 'tmp', name);
  writeFileSync(
    path.join(scratch, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${path.join(scratch, 'nginx.pid')};
error_log ${path.join(scratch, 'logs/error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
${site}
}
`,
  );
  nginx = spawn('nginx', ['-p', scratch, '-c', path.join(scratch, 'nginx.conf')], { stdio: 'ignore' });
  lbUrl = `http://127.0.0.1:${lbPort}`;
  await waitFor(`${lbUrl}/healthz`);
}, 60_000);

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  for (const child of routers) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(scratch, { recursive: true, force: true });
});

async function query(): Promise<{ status: number; upstream: string | null; body: any }> {
  const res = await fetch(`${lbUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return { status: res.status, upstream: res.headers.get('x-upstream'), body: await res.json() };
}

describe('two routers behind nginx', () => {
  it('spread requests across both replicas', async () => {
    const served = new Map<string, number>();
    for (let i = 0; i < 20; i += 1) {
      const res = await query();
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ __typename: 'Query' });
      served.set(res.upstream ?? '?', (served.get(res.upstream ?? '?') ?? 0) + 1);
    }
    expect([...served.keys()].sort()).toEqual([`127.0.0.1:${ports[1]}`, `127.0.0.1:${ports[2]}`].sort());
    for (const count of served.values()) expect(count).toBeGreaterThanOrEqual(5);
  });

  it('keep answering every request when one replica is stopped', async () => {
    const stopped = routers[0] as ChildProcess;
    const exited = new Promise((resolve) => stopped.once('exit', resolve));
    stopped.kill('SIGTERM');
    await exited;
    const upstreams = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const res = await query();
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ __typename: 'Query' });
      // nginx names every upstream it tried; the last one answered.
      upstreams.add((res.upstream ?? '').split(', ').at(-1) ?? '');
    }
    expect([...upstreams]).toEqual([`127.0.0.1:${ports[2]}`]);
  });
});
