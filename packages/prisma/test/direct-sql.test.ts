import { randomBytes } from 'node:crypto';
import type { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPrismaClient,
  DirectSql,
  directSql,
  dropDatabase,
  ensureDatabase,
  type SqlStatement,
  TransactionTimeout,
  withDatabase,
} from '../src/index.js';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const url = withDatabase(serverUrl, `sg_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}_prisma_2`);

/** A stand-in for a service's `Prisma.sql`: numbered placeholders, and a statement passed as a value is spliced in. */
function sql(strings: readonly string[], ...values: unknown[]): SqlStatement {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    const nested = value as SqlStatement;
    if (nested && typeof nested.text === 'string' && Array.isArray(nested.values)) {
      text += nested.text.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + params.length}`);
      params.push(...nested.values);
    } else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += strings[i + 1] ?? '';
  });
  return { text, values: params };
}

class GeneratedClientStandIn {
  constructor(readonly options: { adapter: PrismaPg }) {}
}

const seen: string[] = [];
const timed: Array<{ text: string; failed: boolean }> = [];
const client = createPrismaClient(GeneratedClientStandIn, url, {
  max: 2,
  onQuery: (text) => seen.push(text),
  onQueryDone: (text, seconds, failed) => {
    expect(seconds).toBeGreaterThanOrEqual(0);
    timed.push({ text, failed });
  },
});
let db: DirectSql;

beforeAll(async () => {
  await ensureDatabase(url);
  db = directSql(client, sql);
  await db.$executeRaw`CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)`;
});

afterAll(async () => {
  await (await client.options.adapter.connect()).dispose();
  await dropDatabase(url);
});

const names = async () =>
  (await db.$queryRaw<Array<{ name: string }>>`SELECT name FROM items ORDER BY id`).map((r) => r.name);

describe('DirectSql', () => {
  it("runs tagged statements on the Prisma client's own pool: rows, counts, int8 as bigint, nested statements", async () => {
    seen.length = 0;
    timed.length = 0;
    expect(await db.$executeRaw`INSERT INTO items (id, name) VALUES (${1}, ${'one'}), (${2}, ${'two'})`).toBe(2);
    const rows = await db.$queryRaw<Array<{ n: bigint; at: Date; doc: { a: number[] } }>>`
      SELECT count(*) AS n, now() AS at, ${JSON.stringify({ a: [1, 2] })}::jsonb AS doc FROM items
      WHERE name = ANY(${['one', 'two']}::text[]) ${sql`AND id > ${0}`}`;
    expect(rows).toEqual([{ n: 2n, at: expect.any(Date), doc: { a: [1, 2] } }]);
    // Through the observed client: statements reach onQuery and are timed (metrics, spans) as Prisma's are.
    expect(seen).toHaveLength(2);
    expect(seen[1]).toMatch(/AND id > \$3/);
    expect(timed.map((t) => t.failed)).toEqual([false, false]);
    await expect(db.$queryRaw`SELECT * FROM no_such_table`).rejects.toMatchObject({ code: '42P01' });
    expect(timed.at(-1)).toEqual({ text: 'SELECT * FROM no_such_table', failed: true });
    timed.length = 0;
    await db.$transaction(async (tx) => tx.$queryRaw`SELECT 1`);
    expect(timed.map((t) => t.text)).toEqual(['BEGIN', 'SELECT 1', 'COMMIT']);
    expect(() => directSql({}, sql)).toThrow(/createPrismaClient/);
  });

  it('commits a transaction, and rolls one back when its function throws, rethrowing its error', async () => {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO items (id, name) VALUES (${3}, ${'three'})`;
    });
    const failure = new Error('refused');
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO items (id, name) VALUES (${4}, ${'four'})`;
        throw failure;
      }),
    ).rejects.toBe(failure);
    // A failing statement rolls back the statements before it, and the error is Postgres' own.
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO items (id, name) VALUES (${5}, ${'five'})`;
        await tx.$executeRaw`INSERT INTO items (id, name) VALUES (${1}, ${'again'})`;
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await names()).toEqual(['one', 'two', 'three']);
    await expect(db.$transaction(async (tx) => tx.$transaction(async () => 1))).rejects.toThrow(/do not nest/);
  });

  it('rolls back a transaction that runs past its timeout, and the pool goes on serving', async () => {
    const started = Date.now();
    await expect(
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`INSERT INTO items (id, name) VALUES (${6}, ${'six'})`;
          await tx.$queryRaw`SELECT pg_sleep(2)`;
        },
        { timeout: 200 },
      ),
    ).rejects.toBeInstanceOf(TransactionTimeout);
    expect(Date.now() - started).toBeLessThan(1_500);
    // Work outside the database that ends after the timeout is not committed either.
    await expect(
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`INSERT INTO items (id, name) VALUES (${7}, ${'seven'})`;
          await new Promise((resolve) => setTimeout(resolve, 300));
        },
        { timeout: 100 },
      ),
    ).rejects.toBeInstanceOf(TransactionTimeout);
    expect(await names()).toEqual(['one', 'two', 'three']);
  });

  it('fails a transaction that gets no connection within maxWait, and hands the late connection back', async () => {
    let unblock: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    // The pool has two connections: both held.
    const holders = [1, 2].map(() => db.$transaction(() => blocked, { timeout: 5_000 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(db.$transaction(async () => 1, { maxWait: 100 })).rejects.toThrow(/no database connection free/);
    unblock();
    await Promise.all(holders);
    expect(await db.$transaction(async (tx) => tx.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`)).toEqual([
      { one: 1 },
    ]);
  });

  it('survives Postgres ending an idle pooled connection, and the next statement opens another', async () => {
    const [{ pid } = { pid: 0 }] = await db.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
    expect(pid).toBeGreaterThan(0);
    const other = directSql(createPrismaClient(GeneratedClientStandIn, url), sql);
    await other.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});
