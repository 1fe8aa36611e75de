import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Buckets in seconds, from a cache hit to a request about to time out. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A process's Prometheus metrics on a registry of its own (every series carries the
 * `service` label), served on the admin port, never on the public one.
 */
export interface ServiceMetrics {
  readonly service: string;
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  readonly operationDuration: Histogram<'operation' | 'type'>;
  readonly graphqlErrors: Counter<'operation' | 'code'>;
}

export interface ServiceMetricsOptions {
  /** Node.js process metrics (CPU, memory, event-loop lag, GC); on by default. */
  processMetrics?: boolean;
}

export function createServiceMetrics(service: string, options: ServiceMetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    service,
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to the end of its response',
      labelNames: ['method', 'route'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    operations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations executed, by operation name, type and outcome (ok or error)',
      labelNames: ['operation', 'type', 'outcome'] as const,
      registers,
    }),
    operationDuration: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time to answer a GraphQL operation, by operation name and type',
      labelNames: ['operation', 'type'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    graphqlErrors: new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL responses, by operation name and error code',
      labelNames: ['operation', 'code'] as const,
      registers,
    }),
  };
}

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The operation label: the name a client gave when it is a valid GraphQL name of
 * reasonable length, `anonymous` otherwise (a label value per arbitrary string would
 * let clients grow the series without bound).
 */
export function operationLabel(name: string | null | undefined): string {
  return name && OPERATION_NAME.test(name) ? name : 'anonymous';
}

/**
 * The route label: the mount point of the request (`/graphql`, `/healthz`,
 * `/internal`, …), never the full path, which can carry ids.
 */
export function routeLabel(path: string): string {
  const first = path.split('/')[1] ?? '';
  if (first === '.well-known') return '/.well-known';
  return /^[a-z][a-z0-9_-]{0,31}$/.test(first) ? `/${first}` : '/other';
}

/** Counts and times every GraphQL operation by its name (Apollo Server plugin). */
export function graphqlMetricsPlugin<TContext extends BaseContext>(
  metrics: ServiceMetrics,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, operation, operationName, errors, response }) {
          const name = operationLabel(operationName ?? request.operationName);
          const type = operation?.operation ?? 'unknown';
          const body = response.body;
          const responseErrors =
            errors ?? (body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors) ?? [];
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.operationDuration.observe({ operation: name, type }, seconds);
          metrics.operations.inc({ operation: name, type, outcome: responseErrors.length > 0 ? 'error' : 'ok' });
          for (const error of responseErrors) {
            const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
            metrics.graphqlErrors.inc({ operation: name, code: typeof code === 'string' ? code : 'UNKNOWN' });
          }
        },
      };
    },
  };
}

export interface MetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The admin server: `GET /metrics` in Prometheus' text format, on a port of its own
 * so that the public port (and the load balancer in front of it) never exposes it.
 */
export function startMetricsServer(registries: Registry[], port: number, host = '127.0.0.1'): Promise<MetricsServer> {
  const [only] = registries;
  const merged = registries.length === 1 && only ? only : Registry.merge(registries);
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      const body = await merged.metrics();
      res.writeHead(200, { 'content-type': merged.contentType }).end(body);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${address.port}/metrics`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
