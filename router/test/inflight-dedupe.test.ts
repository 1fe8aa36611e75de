import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedupeInflightQueries } from '../src/resilience/inflight-dedupe.js';
import type { Fetcher } from '../src/resilience/subgraph-fetcher.js';

// A subgraph stand-in on a real socket: counts calls, answers after a delay with what it was sent.
let server: Server;
let url: string;
const received: Array<{ body: string; authorization: string | undefined }> = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ body, authorization: req.headers.authorization });
      // A query naming itself slow stays in flight long enough for a write to finish meanwhile.
      setTimeout(
        () => {
          res.writeHead(200, { 'content-type': 'application/json', 'x-call': String(received.length) });
          res.end(JSON.stringify({ data: { call: received.length, echo: body } }));
        },
        body.includes('slow') ? 300 : 50,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const fetcher = dedupeInflightQueries(fetch as unknown as Fetcher) as unknown as (
  url: string,
  init: RequestInit,
) => Promise<Response>;
const query = JSON.stringify({ query: 'query Page__products__0{product(slug:"a"){id}}', variables: {} });
const mutation = JSON.stringify({ query: 'mutation Add__cart__0{cartCreate{cart{id}}}', variables: {} });
const send = (body: string, authorization?: string) =>
  fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body,
  });

describe('in-flight deduplication of subgraph queries', () => {
  it('sends identical concurrent queries once and gives every caller a readable answer of its own', async () => {
    received.length = 0;
    const responses = await Promise.all(Array.from({ length: 5 }, () => send(query, 'Bearer a')));
    expect(received).toHaveLength(1);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(responses.every((r) => r.status === 200 && r.headers.get('x-call') === '1')).toBe(true);
  });

  it('never shares between callers with different tokens, different bodies, or with mutations', async () => {
    received.length = 0;
    const other = JSON.stringify({ query: 'query Page__products__0{product(slug:"b"){id}}', variables: {} });
    await Promise.all([
      send(query, 'Bearer a'),
      send(query, 'Bearer b'),
      send(query),
      send(other, 'Bearer a'),
      send(mutation, 'Bearer a'),
      send(mutation, 'Bearer a'),
    ]);
    expect(received).toHaveLength(6);
    expect(received.filter((r) => r.body === mutation)).toHaveLength(2);
  });

  it('calls again once the shared call has answered', async () => {
    received.length = 0;
    await send(query, 'Bearer a');
    await send(query, 'Bearer a');
    expect(received).toHaveLength(2);
  });

  it('never lets a query join a call that began before a mutation finished (read after write)', async () => {
    received.length = 0;
    const writes = { epoch: 0 };
    const cart = dedupeInflightQueries(fetch as unknown as Fetcher, writes) as unknown as typeof fetcher;
    const users = dedupeInflightQueries(fetch as unknown as Fetcher, writes) as unknown as typeof fetcher;
    const init = (body: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer a' },
      body,
    });
    const slow = JSON.stringify({ query: 'query Cart__cart__0{cart(id:"slow"){id}}', variables: {} });
    // A read in flight, a write that finishes meanwhile (on another subgraph), then the same read again.
    const before = cart(url, init(slow));
    await users(url, init(mutation));
    const after = cart(url, init(slow));
    const answers = await Promise.all([before, after]);
    // The second read went out on its own: the subgraph saw the query twice.
    expect(received.map((r) => r.body)).toEqual([slow, mutation, slow]);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(writes.epoch).toBe(1);
  });
});
