import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@storegraph/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let fake: Server;
let fakeUrl: string;
const logLines: string[] = [];
/** How the fake cart subgraph answers the next call. */
let answer: 'graphql-error' | 'http-500' = 'graphql-error';

const LEAKY_ERROR = {
  message: 'select "id" from "search_documents" where "tsv" @@ $1 -- relation "search_documents" does not exist',
  extensions: {
    code: 'INTERNAL_SERVER_ERROR',
    stacktrace: ['PrismaClientKnownRequestError: at /srv/search/node_modules/@prisma/client/runtime.js:42'],
    exception: { host: 'db.internal:5432' },
  },
};

beforeAll(async () => {
  fake = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (answer === 'http-500') {
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end('<pre>TypeError: x is undefined\n    at handler (/srv/search/dist/server.js:10:5)</pre>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: null, errors: [{ ...LEAKY_ERROR, path: ['cart'] }] }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`;
  sg = await startSupergraph({
    subgraphUrlOverrides: { cart: fakeUrl },
    logger: createLogger('e2e', { level: 'error', destination: { write: (line: string) => void logLines.push(line) } }),
  });
});

afterAll(async () => {
  await sg?.stop();
  fake?.close();
});

async function send(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, requestId: res.headers.get('x-request-id'), text, body: JSON.parse(text) };
}

const LEAKS =
  /select|search_documents|stacktrace|prisma|node_modules|\/srv\/|db\.internal|127\.0\.0\.1|:\d{4,5}\b|at handler|Did you mean/i;

describe('errors the router answers with', () => {
  for (const mode of ['graphql-error', 'http-500'] as const) {
    it(`masks a subgraph's internal error (${mode}), keeps the other subgraphs' data, and logs the detail`, async () => {
      answer = mode;
      logLines.length = 0;
      const res = await send('{ products(first: 1) { totalCount } cart(id: "AAAAAAAAAAAAAAAAAAAAAAAA") { id } }');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ products: { totalCount: expect.any(Number) }, cart: null });
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].message).toBe('Internal server error');
      expect(res.body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: res.requestId });
      expect(res.text).not.toMatch(LEAKS);
      const logged = logLines.filter((l) => l.includes(res.requestId as string)).join('\n');
      expect(logged).toMatch(mode === 'http-500' ? /500/ : /search_documents/);
    });
  }

  it('masks them the same way on the fast path of a manifest operation (the storefront’s GuestCart)', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../schema/persisted-queries/storefront.json', import.meta.url), 'utf8'),
    ) as { operations: Array<{ name: string; body: string }> };
    const guestCart = manifest.operations.find((o) => o.name === 'GuestCart')?.body as string;
    const served = async () =>
      (await sg.routerMetrics.fastPath.get()).values.find((v) => v.labels.result === 'served')?.value ?? 0;
    for (const mode of ['graphql-error', 'http-500'] as const) {
      answer = mode;
      logLines.length = 0;
      const before = await served();
      const fast = await send(guestCart, { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
      expect(await served()).toBe(before + 1);
      // The same document with one more newline is no manifest's: Apollo Server's pipeline answers it.
      const apollo = await send(`${guestCart}\n`, { id: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
      expect(await served()).toBe(before + 1);
      expect(fast.status).toBe(200);
      expect(fast.body.data).toEqual({ cart: null });
      expect(fast.body.errors).toEqual([
        {
          message: 'Internal server error',
          // A failed HTTP call is an error without a path (docs/traps.md, @apollo/gateway).
          ...(mode === 'graphql-error' ? { path: ['cart'] } : {}),
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: fast.requestId },
        },
      ]);
      expect(fast.text).not.toMatch(LEAKS);
      const { requestId: _a, ...fastRest } = fast.body.errors[0].extensions;
      const { requestId: _b, ...apolloRest } = apollo.body.errors[0].extensions;
      expect({ ...fast.body.errors[0], extensions: fastRest }).toEqual({
        ...apollo.body.errors[0],
        extensions: apolloRest,
      });
      expect(logLines.filter((l) => l.includes(fast.requestId as string)).join('\n')).toMatch(
        mode === 'http-500' ? /500/ : /search_documents/,
      );
    }
  });

  it('gives schema hints for neither misspelt fields nor misspelt enum values in variables', async () => {
    const field = await send('{ prodcts(first: 1) { totalCount } }');
    const enumValue = await send('query($s: ProductSortKey) { products(first: 1, sortKey: $s) { totalCount } }', {
      s: 'CREATD_AT',
    });
    for (const res of [field, enumValue]) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.requestId).toBe(res.requestId);
      expect(res.text).not.toMatch(LEAKS);
    }
  });

  it("never shows a caller the query plan (the gateway's experimental header outside production)", async () => {
    const res = await fetch(`${sg.routerUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollo-query-plan-experimental': '1',
        'apollo-query-plan-experimental-format': 'internal',
      },
      body: JSON.stringify({ query: '{ products(first: 1) { totalCount } }' }),
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).data.products.totalCount).toEqual(expect.any(Number));
    expect(text).not.toMatch(/queryPlan|Fetch|serviceName|"products"\s*:\s*\{\s*"kind"/);
  });

  it('gives every refusal at the edge a code and the request id', async () => {
    const cases = [
      await fetch(`${sg.routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      }),
      await fetch(`${sg.routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
        body: JSON.stringify({ query: '{ me { id } }' }),
      }),
      await fetch(`${sg.routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ products(first: 500) { totalCount } }' }),
      }),
      await fetch(`${sg.routerUrl}/nowhere`),
    ];
    for (const res of cases) {
      const body = (await res.json()) as any;
      expect([res.status, typeof body.errors[0].extensions.code, body.errors[0].extensions.requestId]).toEqual([
        res.status,
        'string',
        res.headers.get('x-request-id'),
      ]);
    }
    expect(cases.map((r) => r.status)).toEqual([400, 401, 400, 404]);
  });
});
