import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../src/http-client.js';

let server: Server;
let base: string;
const connections: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') return; // never answers
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      res.setHeader('x-seen', `${req.method} ${req.url} ${req.headers['x-custom']} ${req.headers['content-length']}`);
      res.statusCode = req.url === '/fail' ? 503 : 200;
      res.end(`échoed ${body}`);
    });
  });
  server.on('connection', () => connections.push(Date.now()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('httpRequest (calls between services on node:http)', () => {
  it('sends method, headers and body, reads the answer whole, and keeps the connection for the next call', async () => {
    connections.length = 0;
    const first = await httpRequest(`${base}/internal?x=1`, {
      method: 'POST',
      headers: { 'x-custom': 'yes' },
      body: '{"ä":1}',
      timeoutMs: 2_000,
    });
    expect(first.status).toBe(200);
    expect(first.body).toBe('échoed {"ä":1}');
    // content-length counts bytes, not characters.
    expect(first.headers).toContainEqual(['x-seen', 'POST /internal?x=1 yes 8']);
    const second = await httpRequest(new URL(`${base}/fail`), { method: 'GET', timeoutMs: 2_000 });
    expect([second.status, second.statusText]).toEqual([503, 'Service Unavailable']);
    expect(connections).toHaveLength(1);
  });

  it("fails a refused connection as fetch does (a TypeError with the socket's code), and a silent one with a TimeoutError", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await httpRequest(`http://127.0.0.1:${port}/`, { method: 'GET', timeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(TypeError);
    expect(((refused as TypeError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    const started = Date.now();
    const silent = await httpRequest(`${base}/slow`, { method: 'GET', timeoutMs: 100 }).catch((e: unknown) => e);
    expect((silent as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers other schemes through fetch, in the same shape', async () => {
    const answer = await httpRequest('data:text/plain,hello', { method: 'GET', timeoutMs: 2_000 });
    expect(answer).toMatchObject({ status: 200, body: 'hello' });
    expect(answer.headers).toContainEqual(['content-type', 'text/plain']);
  });
});
