import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectionFields,
  dropDatabase,
  ensureDatabase,
  listDatabases,
  postgresAnswers,
  withDatabase,
} from '../src/index.js';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const prefix = `sg_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}_prisma_`;
const used: string[] = [];
let count = 0;

/** A database URL unique to this run; dropped in afterAll whatever happens. */
function testDatabaseUrl(suffix = ''): string {
  count += 1;
  const url = withDatabase(serverUrl, `${prefix}${count}${suffix}`);
  used.push(url);
  return url;
}

afterAll(async () => {
  for (const url of used) await dropDatabase(url);
});

async function exists(url: string): Promise<boolean> {
  const admin = new pg.Client({ ...connectionFields(serverUrl), database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [connectionFields(url).database]);
    return found.rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe('ensureDatabase', () => {
  it('creates the database once and returns false the second time', async () => {
    const url = testDatabaseUrl();
    expect(await exists(url)).toBe(false);
    await expect(ensureDatabase(url)).resolves.toBe(true);
    expect(await exists(url)).toBe(true);
    await expect(ensureDatabase(url)).resolves.toBe(false);
    expect(await exists(url)).toBe(true);
  });

  it('creates a database whose name needs quoting', async () => {
    const url = testDatabaseUrl('_Odd "Name"');
    await expect(ensureDatabase(url)).resolves.toBe(true);
    expect(await exists(url)).toBe(true);
    await dropDatabase(url);
    expect(await exists(url)).toBe(false);
  });

  it('tolerates concurrent creators: one creates, the others report it existed', async () => {
    const url = testDatabaseUrl();
    const outcomes = await Promise.allSettled([ensureDatabase(url), ensureDatabase(url), ensureDatabase(url)]);
    const reasons = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(reasons).toEqual([]);
    const created = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined));
    expect(created.filter((value) => value === true)).toHaveLength(1);
    expect(created.filter((value) => value === false)).toHaveLength(2);
    expect(await exists(url)).toBe(true);
  });
});

describe('dropDatabase', () => {
  it('drops the database even while a connection is open on it', async () => {
    const url = testDatabaseUrl();
    await ensureDatabase(url);
    const client = new pg.Client(connectionFields(url));
    client.on('error', () => undefined);
    await client.connect();
    await client.query('SELECT 1');
    await dropDatabase(url);
    expect(await exists(url)).toBe(false);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => undefined);
  });

  it('does nothing when the database does not exist', async () => {
    const url = testDatabaseUrl();
    await expect(dropDatabase(url)).resolves.toBeUndefined();
    expect(await exists(url)).toBe(false);
  });
});

describe('listDatabases', () => {
  it('lists the databases whose name starts with the prefix', async () => {
    const first = testDatabaseUrl('_listed');
    const second = testDatabaseUrl('_listed');
    await ensureDatabase(first);
    await ensureDatabase(second);
    const names = await listDatabases(serverUrl, prefix);
    expect(names).toEqual(
      expect.arrayContaining([connectionFields(first).database, connectionFields(second).database]),
    );
    expect(names.every((name) => name.startsWith(prefix))).toBe(true);
    // The prefix is literal: `_` is not a LIKE wildcard.
    expect(await listDatabases(serverUrl, prefix.replaceAll('_', 'x'))).toEqual([]);
  });
});

describe('postgresAnswers', () => {
  it('is true for the test server', async () => {
    await expect(postgresAnswers(serverUrl)).resolves.toBe(true);
  });

  it('is false, quickly, when nothing listens at the address', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const began = performance.now();
    await expect(postgresAnswers(`postgres://postgres@127.0.0.1:${closedPort}/postgres`, 1_000)).resolves.toBe(false);
    expect(performance.now() - began).toBeLessThan(2_000);
  });
});
