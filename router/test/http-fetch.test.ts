import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from '../src/resilience/http-fetch.js';
import { isConnectionFailure } from '../src/resilience/subgraph-fetcher.js';
import { SubgraphResponse } from '../src/resilience/subgraph-response.js';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 500);
      res.writeHead(req.url === '/fail' ? 503 : 200, {
        'content-type': 'application/json',
        'x-seen': req.headers['x-custom'] ?? '',
      });
      res.end(JSON.stringify({ method: req.method, body, length: req.headers['content-length'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('httpFetch (subgraph calls on node:http)', () => {
  it('sends the method, headers and body, and answers with what the gateway reads of a Response', async () => {
    const body = JSON.stringify({ query: '{ é }' });
    const res = await httpFetch(`${base}/graphql`, { method: 'POST', headers: { 'x-custom': 'yes' }, body }, 2_000);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(await res.json()).toEqual({ method: 'POST', body, length: String(Buffer.byteLength(body)) });
    expect([res.ok, res.url, res.headers.get('Content-Type')]).toEqual([true, `${base}/graphql`, 'application/json']);
    await expect(res.text()).rejects.toThrow(TypeError);
    const failed = await httpFetch(`${base}/fail`, { method: 'POST', body: '{}' }, 2_000);
    expect([failed.status, failed.ok]).toEqual([503, false]);
  });

  it('reads header names in any case and joins repeated headers, as fetch does', () => {
    const res = new SubgraphResponse(
      200,
      'OK',
      [
        ['Set-Cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['Cache-Control', 'no-store'],
      ],
      '{"data":{}}',
    );
    expect([res.headers.get('SET-COOKIE'), res.headers.get('cache-control'), res.headers.get('etag')]).toEqual([
      'a=1, b=2',
      'no-store',
      null,
    ]);
    expect([...res.headers]).toEqual([
      ['set-cookie', 'a=1, b=2'],
      ['cache-control', 'no-store'],
    ]);
    expect(new SubgraphResponse(404, 'Not Found', [], '').ok).toBe(false);
  });

  it('fails a refused connection the way fetch does, so queries are retried', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await httpFetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' }, 2_000).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(isConnectionFailure(error)).toBe(true);
  });

  it('gives up after the timeout with a TimeoutError, which is never retried', async () => {
    const error = await httpFetch(`${base}/slow`, { method: 'POST', body: '{}' }, 100).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(isConnectionFailure(error)).toBe(false);
  });
});
