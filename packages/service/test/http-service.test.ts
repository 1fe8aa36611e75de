import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, currentRequestId } from '@storegraph/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpService, type HttpService, type HttpServiceOptions } from '../src/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const logger = createLogger('service-test', { level: 'silent' });
const started: HttpService[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((service) => service.stop()));
});

async function start(options: Partial<HttpServiceOptions> = {}) {
  const service = createHttpService({ name: 'catalog', logger, ...options });
  started.push(service);
  const { url, port } = await service.listen(0);
  return { service, url, port };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/** Opens a TCP connection to the port: 'connected', or the error code. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('createHttpService', () => {
  it('listens on the given host and reports its URL and port', async () => {
    const { url, port } = await start();
    expect(port).toBeGreaterThan(0);
    expect(url).toBe(`http://127.0.0.1:${port}`);
  });

  it('rejects listen() when the port is taken', async () => {
    const { port } = await start();
    const second = createHttpService({ name: 'second', logger });
    started.push(second);
    await expect(second.listen(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('answers /healthz with 200', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'catalog' });
  });
});

describe('request ids', () => {
  async function startWhoami() {
    const started = await start();
    started.service.app.get('/whoami', async (req, res) => {
      await sleep(5);
      res.json({ requestId: req.requestId, scoped: currentRequestId() });
    });
    return started;
  }

  it('echoes a well-formed x-request-id and scopes the handler to it, across awaits', async () => {
    const { url } = await startWhoami();
    const res = await fetch(`${url}/whoami`, { headers: { 'x-request-id': 'router-7f3a-0001' } });
    expect(res.headers.get('x-request-id')).toBe('router-7f3a-0001');
    expect(await res.json()).toEqual({ requestId: 'router-7f3a-0001', scoped: 'router-7f3a-0001' });
  });

  it('mints an id when the header is missing or malformed', async () => {
    const { url } = await startWhoami();
    const variants: Array<Record<string, string>> = [
      {},
      { 'x-request-id': 'bad id!' },
      { 'x-request-id': 'x'.repeat(200) },
    ];
    for (const headers of variants) {
      const res = await fetch(`${url}/whoami`, { headers });
      const minted = res.headers.get('x-request-id');
      expect(minted).toMatch(UUID);
      expect(await res.json()).toEqual({ requestId: minted, scoped: minted });
    }
    const healthz = await fetch(`${url}/healthz`);
    expect(healthz.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('/readyz', () => {
  it('answers 200 when every check passes', async () => {
    const { url } = await start({ readiness: { postgres: async () => 1, redis: async () => 'PONG' } });
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', service: 'catalog', checks: { postgres: 'up', redis: 'up' } });
  });

  it('answers 503 naming the check that rejects', async () => {
    const { url } = await start({
      readiness: {
        postgres: async () => 1,
        redis: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
    });
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'unavailable',
      service: 'catalog',
      checks: { postgres: 'up', redis: 'down' },
    });
  });

  it('stays ready, reporting degraded, when only a dependency it can do without is down', async () => {
    const { url } = await start({
      readiness: { postgres: async () => 1 },
      degradedBy: {
        search: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
    });
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'degraded',
      service: 'catalog',
      checks: { postgres: 'up', search: 'down' },
    });
  });

  it('treats a check that throws synchronously as down', async () => {
    const { url } = await start({
      readiness: {
        search: () => {
          throw new Error('client not created');
        },
      },
    });
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { checks: unknown }).checks).toEqual({ search: 'down' });
  });

  it('answers 503 when a check hangs past readinessTimeoutMs', async () => {
    const { url } = await start({
      readinessTimeoutMs: 150,
      readiness: { postgres: async () => 1, search: () => new Promise(() => {}) },
    });
    const began = performance.now();
    const res = await fetch(`${url}/readyz`);
    const elapsed = performance.now() - began;
    expect(res.status).toBe(503);
    expect(((await res.json()) as { checks: unknown }).checks).toEqual({ postgres: 'up', search: 'down' });
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then runs onShutdown hooks', async () => {
    const events: string[] = [];
    const { service, url, port } = await start({
      onShutdown: [
        async () => {
          events.push(`first hook (in flight: ${service.inFlight})`);
        },
        async () => {
          events.push('second hook');
        },
      ],
    });
    service.app.get('/slow', async (_req, res) => {
      await sleep(300);
      events.push('slow request answered');
      res.json({ done: true });
    });

    const slow = fetch(`${url}/slow`);
    await waitFor(() => service.inFlight === 1);
    const stopped = service.stop();
    expect(service.stop()).toBe(stopped);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    expect(events).toEqual([]);

    const res = await slow;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await stopped;
    expect(events).toEqual(['slow request answered', 'first hook (in flight: 0)', 'second hook']);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('answers requests arriving on an open connection during the drain with 503 and connection: close', async () => {
    const { service, port } = await start();
    service.app.get('/slow', async (_req, res) => {
      await sleep(300);
      res.json({ done: true });
    });
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write('GET /slow HTTP/1.1\r\nHost: test\r\n\r\n');
    await waitFor(() => service.inFlight === 1);
    const stopped = service.stop();
    socket.write('GET /readyz HTTP/1.1\r\nHost: test\r\n\r\n');
    await stopped;
    await closed;
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses).toHaveLength(2);
    expect(responses[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(responses[0]).toContain('{"done":true}');
    expect(responses[1]).toMatch(/^HTTP\/1\.1 503 /);
    expect(responses[1]).toMatch(/^connection: close\r$/im);
    expect(responses[1]).toContain('"status":"stopping"');
  });

  it('cuts a request that never finishes at shutdownDeadlineMs and still resolves', async () => {
    let hookRan = false;
    const { service, url } = await start({
      shutdownDeadlineMs: 250,
      onShutdown: [
        async () => {
          hookRan = true;
        },
      ],
    });
    service.app.get('/hang', () => {
      // never answers
    });
    const hung = fetch(`${url}/hang`).then(
      () => 'answered',
      () => 'cut',
    );
    await waitFor(() => service.inFlight === 1);
    const began = performance.now();
    await service.stop();
    const elapsed = performance.now() - began;
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(3_000);
    expect(await hung).toBe('cut');
    expect(hookRan).toBe(true);
    await waitFor(() => service.inFlight === 0, 1_000);
  });

  it('does not wait for idle keep-alive connections', async () => {
    const { service, port } = await start();
    const socket = connect(port, '127.0.0.1');
    const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write('GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\n\r\n');
    await answered;
    const began = performance.now();
    await service.stop();
    expect(performance.now() - began).toBeLessThan(1_000);
    await closed;
  });

  it('runs the remaining hooks when one fails', async () => {
    const ran: string[] = [];
    const { service } = await start({
      onShutdown: [
        async () => {
          ran.push('pool');
          throw new Error('pool already closed');
        },
        async () => {
          ran.push('redis');
        },
      ],
    });
    await expect(service.stop()).resolves.toBeUndefined();
    expect(ran).toEqual(['pool', 'redis']);
  });
});
