import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;

beforeAll(async () => {
  sg = await startSupergraph({ routerEnv: { MAX_DEPTH: '8', MAX_COST: '600' } });
});

afterAll(async () => {
  await sg?.stop();
});

async function send(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const res = await fetch(`${sg.routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'limits-request-0001' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await res.json()) as any;
  return { status: res.status, code: body.errors?.[0]?.extensions?.code, body };
}

const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('operation limits at the router', () => {
  it('serves an operation within every limit', async () => {
    const res = await send('{ products(first: 24) { nodes { id title brand { name } } } }');
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
  });

  it('refuses each limit with 400, its code and the request id, before any subgraph is called', async () => {
    const cases: Record<string, string> = {
      MAX_DEPTH_EXCEEDED:
        '{ me { orders { nodes { lines { variant { product { category { parent { parent { id } } } } } } } } } }',
      MAX_ALIASES_EXCEEDED: `{ ${repeat(31, (i) => `a${i}: brands { id }`)} }`,
      MAX_ROOT_FIELDS_EXCEEDED: `{ ${repeat(11, () => 'brands { id }')} }`,
      MAX_DIRECTIVES_EXCEEDED: `{ brands { ${repeat(21, () => 'id @include(if: true)')} } }`,
      MAX_TOKENS_EXCEEDED: `{ brands { id } } ${repeat(700, (i) => `fragment f${i} on Brand { id }`)}`,
      MAX_COST_EXCEEDED: '{ products(first: 100) { nodes { variants { id } images { url } } } }',
    };
    for (const [code, query] of Object.entries(cases)) {
      sg.productQueries.length = 0;
      const res = await send(query);
      expect([code, res.status, res.code, res.body.data]).toEqual([code, 400, code, undefined]);
      expect(res.body.errors[0].extensions.requestId).toBe('limits-request-0001');
      expect(sg.productQueries).toEqual([]);
    }
  });

  it('refuses first above 100 as BAD_USER_INPUT, from a literal or a variable', async () => {
    const literal = await send('{ products(first: 101) { nodes { id } } }');
    expect([literal.status, literal.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(literal.body.errors[0].extensions.field).toEqual(['products', 'first']);
    const variable = await send('query($n: Int) { search(first: $n) { products { nodes { id } } } }', { n: 500 });
    expect([variable.status, variable.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('applies the limits to GET requests too', async () => {
    const query = encodeURIComponent('{ products(first: 101) { nodes { id } } }');
    const res = await fetch(`${sg.routerUrl}/graphql?query=${query}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('leaves documents that do not parse to GraphQL’s own 400', async () => {
    const res = await send('{ brands { id }');
    expect([res.status, res.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
  });

  it('refuses an operation name that names no operation of the document as the client’s mistake (400)', async () => {
    const two = 'query A { brands { id } } query B { categories { id } }';
    const cases = [
      { query: two, name: 'C', message: 'Unknown operation named "C".' },
      { query: two, name: undefined, message: 'Must provide operation name if query contains multiple operations.' },
      { query: '{ brands { id } }', name: 'A', message: 'Unknown operation named "A".' },
    ];
    for (const { query, name, message } of cases) {
      sg.productQueries.length = 0;
      const res = await send(query, {}, name);
      expect([res.status, res.code, res.body.errors[0].message]).toEqual([
        400,
        'OPERATION_RESOLUTION_FAILURE',
        message,
      ]);
      expect(res.body.errors[0].extensions.requestId).toBe('limits-request-0001');
      expect(sg.productQueries).toEqual([]);
    }
    expect((await send(two, {}, 'B')).body).toMatchObject({ data: { categories: expect.any(Array) } });
  });
});
