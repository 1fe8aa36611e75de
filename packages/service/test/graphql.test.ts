import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, currentRequestId } from '@storegraph/logger';
import { GraphQLEnumType, GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpService, type HttpService, INTERNAL_ERROR_MESSAGE, mountGraphQL } from '../src/index.js';

const INTERNAL_DETAIL = 'connect ECONNREFUSED 10.20.30.40:5432 user=orders_rw';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, resolve: () => 'world' },
      greet: {
        type: GraphQLString,
        args: { mood: { type: new GraphQLEnumType({ name: 'Mood', values: { HAPPY: {}, GRUMPY: {} } }) } },
        resolve: (_root, args) => `hello, ${args.mood}`,
      },
      requestId: {
        type: GraphQLString,
        resolve: async () => {
          await sleep(5);
          return currentRequestId();
        },
      },
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error(INTERNAL_DETAIL);
        },
      },
      uncodedGraphQLError: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError(`row missing: ${INTERNAL_DETAIL}`);
        },
      },
      badQuantity: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('Quantity must be at least 1.', {
            extensions: { code: 'BAD_USER_INPUT', field: 'quantity', sqlState: '23514' },
          });
        },
      },
      limited: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('Too many requests.', { extensions: { code: 'RATE_LIMITED', retryAfter: 30 } });
        },
      },
    },
  }),
});

/** Every line the logger writes, captured through its destination stream. */
const logLines: Array<Record<string, any>> = [];
const logger = createLogger('graphql-test', {
  level: 'info',
  destination: {
    write(line: string) {
      logLines.push(JSON.parse(line));
    },
  },
});

let service: HttpService;
let url: string;

beforeAll(async () => {
  service = createHttpService({ name: 'graphql-test', logger });
  await mountGraphQL(service, logger, { apollo: { schema }, context: async () => ({}) });
  ({ url } = await service.listen(0));
});

afterAll(async () => {
  await service.stop();
});

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as Record<string, any> };
}

const query = (source: string, variables: Record<string, unknown> = {}) =>
  post(JSON.stringify({ query: source, variables }));

describe('mountGraphQL', () => {
  it('serves queries at /graphql, scoped to the request id', async () => {
    const res = await post(JSON.stringify({ query: '{ hello requestId }' }), { 'x-request-id': 'router-req-0001' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { hello: 'world', requestId: 'router-req-0001' } });
    expect(res.headers.get('x-request-id')).toBe('router-req-0001');
  });

  it('keeps the request scope when the body arrives after the headers', async () => {
    const body = JSON.stringify({ query: '{ requestId }' });
    const answer = await new Promise<{ header: unknown; text: string }>((resolve, reject) => {
      const req = request(
        `${url}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ header: res.headers['x-request-id'], text }));
        },
      );
      req.on('error', reject);
      req.flushHeaders();
      setTimeout(() => req.end(body), 50);
    });
    expect(answer.header).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(answer.text)).toEqual({ data: { requestId: answer.header } });
  });

  it('masks an unexpected resolver error and logs it with the request id', async () => {
    const res = await query('{ hello boom }');
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ hello: 'world', boom: null });
    expect(res.json.errors).toEqual([
      {
        message: INTERNAL_ERROR_MESSAGE,
        path: ['boom'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: res.headers.get('x-request-id') },
      },
    ]);
    expect(INTERNAL_ERROR_MESSAGE).toBe('Internal server error');
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(res.text).not.toContain('stacktrace');

    const requestId = res.headers.get('x-request-id');
    const logged = logLines.filter((line) => line.level === 'error' && line.requestId === requestId);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0])).toContain('ECONNREFUSED');
  });

  it('masks a GraphQLError that carries no client error code', async () => {
    const res = await query('{ uncodedGraphQLError }');
    expect(res.json.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['uncodedGraphQLError'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: res.headers.get('x-request-id') },
      },
    ]);
    expect(res.text).not.toContain('row missing');
  });

  it('keeps the message of client errors, with only the extensions meant for clients', async () => {
    const res = await query('{ badQuantity limited }');
    expect(res.json.errors).toEqual([
      {
        message: 'Quantity must be at least 1.',
        locations: [{ line: 1, column: 3 }],
        path: ['badQuantity'],
        extensions: { code: 'BAD_USER_INPUT', field: 'quantity', requestId: res.headers.get('x-request-id') },
      },
      {
        message: 'Too many requests.',
        locations: [{ line: 1, column: 15 }],
        path: ['limited'],
        extensions: { code: 'RATE_LIMITED', retryAfter: 30, requestId: res.headers.get('x-request-id') },
      },
    ]);
  });

  it('answers validation errors without schema suggestions', async () => {
    const res = await query('{ helo requestI }');
    expect(res.status).toBe(400);
    const errors = res.json.errors as Array<{ message: string; extensions: { code: string } }>;
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error.message).toMatch(/^Cannot query field "(helo|requestI)" on type "Query"\.$/);
    }
    expect(res.text).not.toMatch(/did you mean/i);
  });

  it('answers a misspelt enum value in variables without the hint of the right one', async () => {
    const res = await query('query($m: Mood) { greet(mood: $m) }', { m: 'HAPY' });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].message).toBe(
      'Variable "$m" got invalid value "HAPY"; Value "HAPY" does not exist in "Mood" enum.',
    );
    expect(res.text).not.toMatch(/did you mean|HAPPY/i);
  });

  it('answers a syntax error as GRAPHQL_PARSE_FAILED', async () => {
    const res = await query('{ hello ');
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions).toEqual({
      code: 'GRAPHQL_PARSE_FAILED',
      requestId: res.headers.get('x-request-id'),
    });
  });

  it('accepts a body just under the 1 MB limit', async () => {
    const res = await query('{ hello }', { padding: 'x'.repeat(1_000_000) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { hello: 'world' } });
  });

  it('answers a body over the limit with 413 in GraphQL error shape', async () => {
    const res = await query('{ hello }', { padding: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json).toEqual({
      errors: [
        {
          message: 'The request body is too large.',
          extensions: { code: 'PAYLOAD_TOO_LARGE', requestId: res.headers.get('x-request-id') },
        },
      ],
    });
  });

  it('answers malformed JSON with 400 in GraphQL error shape, without parser details or stack', async () => {
    const res = await post('{"query": "{ hello }",');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json).toEqual({
      errors: [
        {
          message: 'The request body is not valid JSON.',
          extensions: { code: 'BAD_REQUEST', requestId: res.headers.get('x-request-id') },
        },
      ],
    });
    expect(res.text).not.toMatch(/SyntaxError|Unexpected|at .*\.js/);
  });

  it('answers an unsupported charset with 415 in GraphQL error shape', async () => {
    const res = await post(JSON.stringify({ query: '{ hello }' }), {
      'content-type': 'application/json; charset=latin1',
    });
    expect(res.status).toBe(415);
    expect(res.json.errors).toEqual([
      {
        message: 'Unsupported content type.',
        extensions: { code: 'BAD_REQUEST', requestId: res.headers.get('x-request-id') },
      },
    ]);
  });

  it('blocks requests a browser could send cross-site (CSRF prevention)', async () => {
    const simpleGet = await fetch(`${url}/graphql?query=${encodeURIComponent('{ hello }')}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toContain('Cross-Site Request Forgery');

    const preflighted = await fetch(`${url}/graphql?query=${encodeURIComponent('{ hello }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { hello: 'world' } });
  });
});
