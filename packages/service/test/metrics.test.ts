import { createLogger } from '@storegraph/logger';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpService,
  type HttpService,
  type MetricsServer,
  mountGraphQL,
  operationLabel,
  routeLabel,
  startMetricsServer,
} from '../src/index.js';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, resolve: () => 'world' },
      denied: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('No.', { extensions: { code: 'FORBIDDEN' } });
        },
      },
    },
  }),
});

let service: HttpService;
let admin: MetricsServer;
let url: string;

beforeAll(async () => {
  const logger = createLogger('metrics-test', { level: 'silent' });
  service = createHttpService({ name: 'catalog', logger });
  await mountGraphQL(service, logger, { apollo: { schema }, context: async () => ({}) });
  url = (await service.listen(0)).url;
  admin = await startMetricsServer([service.metrics.registry], 0);
});

afterAll(async () => {
  await admin.close();
  await service.stop();
});

const gql = (query: string, operationName?: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, operationName }),
  });

/** The value of one series in Prometheus' text format, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf('}'));
    const found = Object.fromEntries([...body.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('service metrics', () => {
  it('counts and times GraphQL operations by name, with errors by code, on the admin port only', async () => {
    await gql('query ProductPage { hello }', 'ProductPage');
    await gql('query ProductPage { hello }', 'ProductPage');
    await gql('query Denied { denied }', 'Denied');
    await gql('{ hello }');
    const res = await fetch(admin.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const ok = { service: 'catalog', operation: 'ProductPage', type: 'query', outcome: 'ok' };
    expect(sample(text, 'graphql_operations_total', ok)).toBe(2);
    expect(sample(text, 'graphql_operations_total', { operation: 'Denied', outcome: 'error' })).toBe(1);
    expect(sample(text, 'graphql_operations_total', { operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'graphql_errors_total', { operation: 'Denied', code: 'FORBIDDEN' })).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count', { operation: 'ProductPage', type: 'query' })).toBe(
      2,
    );
    expect(
      sample(text, 'http_requests_total', { service: 'catalog', method: 'POST', route: '/graphql', status: '200' }),
    ).toBe(4);
    expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/graphql' })).toBe(4);
    // Default process metrics, labelled with the service.
    expect(sample(text, 'process_cpu_user_seconds_total', { service: 'catalog' })).toBeGreaterThanOrEqual(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    // The public port does not serve them.
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
  });

  it('answers 404 on the admin port for anything but GET /metrics', async () => {
    expect((await fetch(admin.url.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(admin.url, { method: 'POST' })).status).toBe(404);
  });

  it('keeps label values bounded', () => {
    expect(operationLabel('ProductPage')).toBe('ProductPage');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('x'.repeat(65))).toBe('anonymous');
    expect(operationLabel('drop table; --')).toBe('anonymous');
    expect(routeLabel('/graphql')).toBe('/graphql');
    expect(routeLabel('/media/products/1f3a.jpg')).toBe('/media');
    expect(routeLabel('/.well-known/jwks.json')).toBe('/.well-known');
    expect(routeLabel('/%2e%2e/etc')).toBe('/other');
  });
});
