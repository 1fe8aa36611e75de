import pg from 'pg';

/** A statement as a service's `Prisma.sql` builds it: text with `$n` placeholders, and its values. */
export interface SqlStatement {
  readonly text: string;
  readonly values: unknown[];
}

/** The service's `Prisma.sql` tag (its generated client's), which merges nested fragments such as `Prisma.empty`. */
export type SqlTag = (strings: readonly string[], ...values: never[]) => SqlStatement;

/**
 * What code written in raw SQL needs of a database handle. A PrismaClient, a Prisma
 * transaction client and DirectSql all have it, so a repository written against it
 * runs on any of them.
 */
export interface RawSql {
  // biome-ignore lint/suspicious/noExplicitAny: Prisma's own signature for tagged raw SQL.
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: any[]): PromiseLike<T>;
  // biome-ignore lint/suspicious/noExplicitAny: Prisma's own signature for tagged raw SQL.
  $executeRaw(query: TemplateStringsArray, ...values: any[]): PromiseLike<number>;
}

export interface TransactionOptions {
  /** Longest wait for a pooled connection (Prisma's `maxWait`). Default 2,000 ms. */
  maxWait?: number;
  /** Longest the transaction may run; past it, it is rolled back and fails (Prisma's `timeout`). Default 5,000 ms. */
  timeout?: number;
}

/** A transaction that ran past its timeout: rolled back, its connection closed. */
export class TransactionTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`transaction rolled back: it ran longer than ${timeoutMs} ms`);
    this.name = 'TransactionTimeout';
  }
}

const INT8_OID = 20;

/**
 * Raw SQL straight on the pool under a service's PrismaClient, without Prisma's query
 * engine: the same statements, connections, metrics and spans (the pool's client is the
 * observed one), at a fraction of the CPU (about 0.1 ms less per statement and 0.4 ms
 * less per transaction with Node 20 on a two-core server; see docs/traps.md). For the
 * hot paths written in raw SQL (stock reservations, checkout, the outbox relay); every
 * other query stays on Prisma.
 *
 * Rows come back as node-postgres reads them, with one change to match `$queryRaw`:
 * int8 is a bigint. Unlike `$queryRaw`, numeric is a string (not a Decimal), and errors
 * are node-postgres' (`code` is Postgres' SQLSTATE), not PrismaClientKnownRequestError.
 */
export class DirectSql implements RawSql {
  constructor(
    private readonly db: pg.Pool | pg.PoolClient,
    private readonly tag: SqlTag,
  ) {}

  async $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    return (await this.run(query, values)).rows as T;
  }

  async $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    return (await this.run(query, values)).rowCount ?? 0;
  }

  /**
   * Runs `fn` in a transaction on one pooled connection: BEGIN, then COMMIT when `fn`
   * resolves, ROLLBACK when it throws (its error is rethrown). Past `timeout` the
   * connection is closed (Postgres rolls back) and the call fails with TransactionTimeout.
   */
  async $transaction<T>(fn: (tx: DirectSql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (!(this.db instanceof pg.Pool)) throw new Error('DirectSql transactions do not nest');
    const timeoutMs = options.timeout ?? 5_000;
    const client = await connectWithin(this.db, options.maxWait ?? 2_000);
    let timedOut = false;
    let released = false;
    const release = (destroy?: Error) => {
      if (released) return;
      released = true;
      client.release(destroy);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      release(new TransactionTimeout(timeoutMs));
    }, timeoutMs);
    try {
      await client.query('BEGIN');
      const result = await fn(new DirectSql(client, this.tag));
      if (timedOut) throw new TransactionTimeout(timeoutMs);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (timedOut) throw new TransactionTimeout(timeoutMs);
      // A connection whose rollback failed is not put back in the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => release(rollbackError));
      throw error;
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  private run(query: TemplateStringsArray, values: unknown[]) {
    const statement = this.tag(query, ...(values as never[]));
    return this.db.query({ text: statement.text, values: statement.values, types: ROW_TYPES });
  }
}

/** node-postgres' own parsers, but int8 as a bigint (as Prisma's `$queryRaw` answers it). */
const ROW_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (text: string) => BigInt(text);
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads of getTypeParser take a format union.
    return pg.types.getTypeParser(oid, format as any);
  },
};

/** A pooled connection within `maxWaitMs`; one that arrives later goes straight back to the pool. */
async function connectWithin(pool: pg.Pool, maxWaitMs: number): Promise<pg.PoolClient> {
  let timer: NodeJS.Timeout | undefined;
  let gaveUp = false;
  const connecting = pool.connect();
  try {
    return await Promise.race([
      connecting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          gaveUp = true;
          reject(new Error(`no database connection free within ${maxWaitMs} ms`));
        }, maxWaitMs);
      }),
    ]);
  } catch (error) {
    if (gaveUp) connecting.then((late) => late.release()).catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
