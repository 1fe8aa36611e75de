import pg from 'pg';
import { connectionFields, quoteIdent } from './connection.js';

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...connectionFields(url), database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named by `url` when it does not exist yet. Returns true if created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { database } = connectionFields(url);
  return withAdmin(url, async (admin) => {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(String(database))}`);
    } catch (error) {
      // Another process created it between our check and our CREATE: 42P04, or 23505
      // when both inserted into pg_database at the same moment.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
    return true;
  });
}

/** Drops the database named by `url`, disconnecting whoever still uses it. */
export async function dropDatabase(url: string): Promise<void> {
  const { database } = connectionFields(url);
  await withAdmin(url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(String(database))} WITH (FORCE)`));
}

/** Names of databases whose name starts with `prefix` (for cleaning up after test runs). */
export async function listDatabases(url: string, prefix: string): Promise<string[]> {
  return withAdmin(url, async (admin) => {
    const rows = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    return rows.rows.map((r) => r.datname);
  });
}

/** True when a Postgres server answers at `url` (any database). */
export async function postgresAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new pg.Client({
    ...connectionFields(url),
    database: 'postgres',
    connectionTimeoutMillis: timeoutMs,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
