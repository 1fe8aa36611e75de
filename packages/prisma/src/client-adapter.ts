import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { DirectSql, type SqlTag } from './direct-sql.js';

/**
 * A span per statement, only inside a traced request that records (polling loops would
 * make a trace per poll; an unsampled request keeps nothing). The statement text
 * carries no values: Prisma sends parameters.
 */
function statementSpan(text: string) {
  if (!trace.getSpan(context.active())?.isRecording()) return undefined;
  const operation = /^\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';
  return trace.getTracer('@storegraph/prisma').startSpan(`pg ${operation}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system': 'postgresql', 'db.operation': operation, 'db.statement': text.slice(0, 2_000) },
  });
}

export interface ClientAdapterOptions {
  /** Pool size; a service on two cores gains nothing from more than a handful. */
  max?: number;
  /** Called with the text of every statement sent, for metrics and query-count tests. */
  onQuery?: (sql: string) => void;
  /** Called when a statement settles, with its time in seconds and whether it failed (metrics). */
  onQueryDone?: (sql: string, seconds: number, failed: boolean) => void;
  applicationName?: string;
}

function observedClient(options: Pick<ClientAdapterOptions, 'onQuery' | 'onQueryDone'>): typeof pg.Client {
  const { onQuery, onQueryDone } = options;
  return class ObservedClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads cannot be restated.
    override query(...args: any[]): any {
      const first = args[0];
      const text = typeof first === 'string' ? first : first?.text;
      if (typeof text === 'string') onQuery?.(text);
      const started = process.hrtime.bigint();
      const span = typeof text === 'string' ? statementSpan(text) : undefined;
      const done = (failed: boolean) => {
        if (failed) span?.setStatus({ code: SpanStatusCode.ERROR });
        span?.end();
        if (typeof text === 'string') onQueryDone?.(text, Number(process.hrtime.bigint() - started) / 1e9, failed);
      };
      // The driver adapter and DirectSql's transactions use the promise form; pg.Pool's
      // own query() (DirectSql outside a transaction) passes a callback last.
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (error: unknown, result: unknown) => void;
        args[last] = (error: unknown, result: unknown) => {
          done(Boolean(error));
          callback(error, result);
        };
      }
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      const result = (super.query as any)(...args);
      if (typeof result?.then === 'function') {
        result.then(
          () => done(false),
          () => done(true),
        );
      } else if (typeof args[last] !== 'function') {
        span?.end();
      }
      return result;
    }
  };
}

/** The pool under each client createPrismaClient made, for DirectSql on the same connections. */
const pools = new WeakMap<object, pg.Pool>();

function observedPool(url: string, options: ClientAdapterOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.onQuery || options.onQueryDone ? { Client: observedClient(options) } : {}),
  });
  // An idle connection that fails (Postgres restarted) is dropped by the pool and the next
  // query opens another; without a listener its 'error' would end the process, and
  // PrismaPg adds its own only once Prisma connects, which DirectSql alone never does.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * The driver adapter a service hands to its generated PrismaClient
 * (`new PrismaClient({ adapter })`), running queries through node-postgres on a pool
 * of its own (ended with the client).
 */
export function clientAdapter(url: string, options: ClientAdapterOptions = {}): PrismaPg {
  return new PrismaPg(observedPool(url, options), { disposeExternalPool: true });
}

/**
 * Instantiates a subgraph's generated PrismaClient over clientAdapter. Each subgraph
 * generates its own client class (its own schema), so the class is passed in.
 */
export function createPrismaClient<T extends object>(
  PrismaClientClass: new (options: { adapter: PrismaPg }) => T,
  url: string,
  options: ClientAdapterOptions = {},
): T {
  const pool = observedPool(url, options);
  const client = new PrismaClientClass({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/**
 * Raw SQL on the pool of a client createPrismaClient made, skipping Prisma's query
 * engine (see DirectSql). `tag` is the service's `Prisma.sql`. Closed with the client.
 */
export function directSql(client: object, tag: SqlTag): DirectSql {
  const pool = pools.get(client);
  if (!pool) throw new Error('directSql needs a client made by createPrismaClient');
  return new DirectSql(pool, tag);
}
