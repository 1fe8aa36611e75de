import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

export interface ClientAdapterOptions {
  /** Pool size; a service on two cores gains nothing from more than a handful. */
  max?: number;
  /** Called with the text of every statement sent, for metrics and query-count tests. */
  onQuery?: (sql: string) => void;
  applicationName?: string;
}

function observedClient(onQuery: (sql: string) => void): typeof pg.Client {
  return class ObservedClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads cannot be restated.
    override query(...args: any[]): any {
      const first = args[0];
      const text = typeof first === 'string' ? first : first?.text;
      if (typeof text === 'string') onQuery(text);
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      return (super.query as any)(...args);
    }
  };
}

/**
 * The driver adapter a service hands to its generated PrismaClient
 * (`new PrismaClient({ adapter })`), running queries through node-postgres.
 */
export function clientAdapter(url: string, options: ClientAdapterOptions = {}): PrismaPg {
  return new PrismaPg({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.onQuery ? { Client: observedClient(options.onQuery) } : {}),
  });
}

/**
 * Instantiates a subgraph's generated PrismaClient over clientAdapter. Each subgraph
 * generates its own client class (its own schema), so the class is passed in.
 */
export function createPrismaClient<T>(
  PrismaClientClass: new (options: { adapter: PrismaPg }) => T,
  url: string,
  options: ClientAdapterOptions = {},
): T {
  return new PrismaClientClass({ adapter: clientAdapter(url, options) });
}
