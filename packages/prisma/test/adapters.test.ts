import { randomBytes } from 'node:crypto';
import type { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CatalogTextClient,
  clientAdapter,
  connectionFields,
  createPrismaClient,
  dropDatabase,
  ensureDatabase,
  migrationAdapterFactory,
  withDatabase,
} from '../src/index.js';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const url = withDatabase(serverUrl, `sg_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}_prisma_1`);

const TEXT_OID = 25;
const INT4_OID = 23;
const CATALOG_QUERY = `SELECT 'abc'::name AS n, 'x'::"char" AS c, 7::int4 AS i`;
const raw = (sql: string) => ({ sql, args: [], argTypes: [] });

async function inMainDatabase(text: string, values: unknown[] = []): Promise<unknown[]> {
  const client = new pg.Client(connectionFields(url));
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const rows = await inMainDatabase('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length === 1;
}

beforeAll(async () => {
  await ensureDatabase(url);
});

afterAll(async () => {
  await dropDatabase(url);
});

describe('CatalogTextClient', () => {
  it('reports name and "char" columns as text', async () => {
    const client = new CatalogTextClient(connectionFields(url));
    await client.connect();
    try {
      const result = await client.query(CATALOG_QUERY);
      expect(result.fields.map((f: pg.FieldDef) => f.dataTypeID)).toEqual([TEXT_OID, TEXT_OID, INT4_OID]);
      expect(result.rows).toEqual([{ n: 'abc', c: 'x', i: 7 }]);

      const several = await client.query(`SELECT 'a'::name AS n; SELECT 'b'::"char" AS c`);
      expect(several.map((r: pg.QueryResult) => r.fields[0]?.dataTypeID)).toEqual([TEXT_OID, TEXT_OID]);
    } finally {
      await client.end();
    }
  });

  it('reports name and "char" columns as text when used as a pg.Pool client', async () => {
    const pool = new pg.Pool({ ...connectionFields(url), Client: CatalogTextClient as unknown as typeof pg.Client });
    try {
      const result = await pool.query(CATALOG_QUERY);
      expect(result.fields.map((f) => f.dataTypeID)).toEqual([TEXT_OID, TEXT_OID, INT4_OID]);
    } finally {
      await pool.end();
    }
  });
});

describe('migrationAdapterFactory', () => {
  it('reads pg_catalog name and "char" columns through the adapter', async () => {
    const adapter = await migrationAdapterFactory(url).connect();
    try {
      const result = await adapter.queryRaw(raw(CATALOG_QUERY));
      expect(result.columnNames).toEqual(['n', 'c', 'i']);
      expect(result.rows).toEqual([['abc', 'x', 7]]);
    } finally {
      await adapter.dispose();
    }
  });

  it('gives a shadow database that exists while open and is dropped on dispose()', async () => {
    const adapter = await migrationAdapterFactory(url).connectToShadowDb();
    let shadow: string | undefined;
    let disposed = false;
    try {
      const result = await adapter.queryRaw(raw('SELECT current_database()::text AS db'));
      shadow = String(result.rows[0]?.[0]);
      expect(shadow).not.toBe(connectionFields(url).database);
      expect(await databaseExists(shadow)).toBe(true);
      await adapter.queryRaw(raw('CREATE TABLE shadow_probe (id int)'));
      expect(await inMainDatabase("SELECT to_regclass('public.shadow_probe') IS NULL AS absent")).toEqual([
        { absent: true },
      ]);

      disposed = true;
      await adapter.dispose();
      expect(await databaseExists(shadow)).toBe(false);
    } finally {
      if (!disposed) await adapter.dispose().catch(() => undefined);
      if (shadow) await dropDatabase(withDatabase(serverUrl, shadow));
    }
  });
});

describe('clientAdapter', () => {
  it('reports the text of every statement to onQuery and sets the application name', async () => {
    const seen: string[] = [];
    const adapter = await clientAdapter(url, {
      onQuery: (sql) => seen.push(sql),
      applicationName: 'sg-adapter-test',
    }).connect();
    try {
      await expect(adapter.queryRaw(raw('SELECT 1'))).resolves.toMatchObject({ rows: [[1]] });
      const app = await adapter.queryRaw(
        raw('SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()'),
      );
      expect(app.rows).toEqual([['sg-adapter-test']]);
      expect(seen).toEqual(['SELECT 1', 'SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()']);
    } finally {
      await adapter.dispose();
    }
  });

  it('is what createPrismaClient hands to the generated client', async () => {
    class GeneratedClientStandIn {
      constructor(readonly options: { adapter: PrismaPg }) {}
    }
    const seen: string[] = [];
    const client = createPrismaClient(GeneratedClientStandIn, url, { onQuery: (sql) => seen.push(sql) });
    const adapter = await client.options.adapter.connect();
    try {
      await adapter.queryRaw(raw('SELECT 2'));
      expect(seen).toEqual(['SELECT 2']);
    } finally {
      await adapter.dispose();
    }
  });
});
