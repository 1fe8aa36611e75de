import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloGateway } from '@apollo/gateway';
import { createLogger } from '@storegraph/logger';
import { jsonBody } from '@storegraph/service';
import express from 'express';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownOperationsFastPath, prepareOperations } from '../src/fast-path/known-operations.js';
import { sha256Hex } from '../src/persisted/manifest.js';

// What the fast path hands the gateway's executor, with a gateway that records it.

const schema = buildSchema('type Query { product(slug: String!): String, shop: String }');
const ONE = 'query ProductPage($slug: String!) { product(slug: $slug) }';
const TWO = 'query Shop { shop } query Other { product(slug: "x") }';
const seen: Array<{ operationName: unknown; queryHash: unknown; variables: unknown }> = [];
const gateway = {
  schema,
  async executor(rc: { request: { operationName?: string; variables?: unknown }; queryHash: string }) {
    seen.push({ operationName: rc.request.operationName, queryHash: rc.queryHash, variables: rc.request.variables });
    return { data: { product: 'spatula', shop: 'storegraph' } };
  },
} as unknown as ApolloGateway;

let server: Server;
let url = '';

beforeAll(async () => {
  const app = express();
  const operations = prepareOperations([
    { id: sha256Hex(ONE), name: 'ProductPage', type: 'query', body: ONE, manifest: 'test' },
    { id: sha256Hex(TWO), name: 'Shop', type: 'query', body: TWO, manifest: 'test' },
  ]);
  app.post(
    '/graphql',
    jsonBody({ limit: 10_000 }),
    knownOperationsFastPath({
      gateway,
      operations,
      plugins: [],
      formatError: (formatted) => formatted,
      logger: createLogger('fast-path-test', { level: 'silent' }),
      metrics: { inc() {} },
    }),
    (_req, res) => void res.status(418).send('passed on'),
  );
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const post = async (body: unknown) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
};

describe('the fast path and the gateway', () => {
  it('leaves the name out for a document of one operation, so the gateway keys its plan by the query hash alone', async () => {
    seen.length = 0;
    const res = await post({ query: ONE, operationName: 'ProductPage', variables: { slug: 'spatula' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).data.product).toBe('spatula');
    expect(seen).toEqual([{ operationName: undefined, queryHash: sha256Hex(ONE), variables: { slug: 'spatula' } }]);
  });

  it('names the operation of a document that holds several', async () => {
    seen.length = 0;
    const res = await post({ query: TWO, operationName: 'Shop' });
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ operationName: 'Shop', queryHash: sha256Hex(TWO), variables: {} }]);
  });

  it('passes on another name for the document, and variables that do not coerce', async () => {
    seen.length = 0;
    expect((await post({ query: ONE, operationName: 'Other' })).status).toBe(418);
    expect((await post({ query: ONE, variables: { slug: 7 } })).status).toBe(418);
    expect(seen).toEqual([]);
  });
});
