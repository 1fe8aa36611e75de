import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  connectionFields,
  dropDatabase,
  ensureDatabase,
  readMigrations,
  withDatabase,
} from '../src/index.js';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const runId = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
const databases: string[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const url of databases) await dropDatabase(url);
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A fresh database and an empty migrations folder, both removed after the file's tests. */
async function fixture() {
  const url = withDatabase(serverUrl, `sg_test_${runId}_prisma_${databases.length + 1}`);
  databases.push(url);
  await ensureDatabase(url);
  const dir = await mkdtemp(path.join(tmpdir(), 'sg-migrations-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  const write = async (name: string, sql: string) => {
    await mkdir(path.join(dir, name), { recursive: true });
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  };
  return { url, dir, write };
}

async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client(connectionFields(url));
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(url: string, table: string): Promise<boolean> {
  const [row] = await query<{ found: boolean }>(url, `SELECT to_regclass('public.${table}') IS NOT NULL AS found`);
  return row?.found === true;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const FIRST = '20250101000000_products';
const SECOND = '20250102000000_variants';
const FIRST_SQL = 'CREATE TABLE products (id serial PRIMARY KEY, title text NOT NULL);\n';
const SECOND_SQL = 'CREATE TABLE variants (id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products(id));\n';

describe('applyMigrations', () => {
  it('applies migration folders in name order and records them with sha256 checksums', async () => {
    const { url, dir, write } = await fixture();
    // Written out of order: the second depends on the first, so name order is what makes this work.
    await write(SECOND, SECOND_SQL);
    await write(FIRST, FIRST_SQL);

    await expect(applyMigrations(url, dir)).resolves.toEqual({ applied: [FIRST, SECOND], alreadyApplied: [] });
    expect(await tableExists(url, 'variants')).toBe(true);

    const rows = await query<Record<string, any>>(
      url,
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, id FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.rolled_back_at])).toEqual([
      [FIRST, sha256(FIRST_SQL), 1, null],
      [SECOND, sha256(SECOND_SQL), 1, null],
    ]);
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await readMigrations(dir)).map((m) => [m.name, m.checksum])).toEqual([
      [FIRST, sha256(FIRST_SQL)],
      [SECOND, sha256(SECOND_SQL)],
    ]);
  });

  it('is idempotent, and applies only migrations added since', async () => {
    const { url, dir, write } = await fixture();
    await write(FIRST, FIRST_SQL);
    await write(SECOND, SECOND_SQL);
    await applyMigrations(url, dir);

    await expect(applyMigrations(url, dir)).resolves.toEqual({ applied: [], alreadyApplied: [FIRST, SECOND] });

    const third = '20250103000000_prices';
    await write(third, 'ALTER TABLE variants ADD COLUMN price_minor int NOT NULL DEFAULT 0;\n');
    await expect(applyMigrations(url, dir)).resolves.toEqual({ applied: [third], alreadyApplied: [FIRST, SECOND] });
    const counted = await query<{ count: number }>(url, 'SELECT count(*)::int AS count FROM "_prisma_migrations"');
    expect(counted).toEqual([{ count: 3 }]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const { url, dir, write } = await fixture();
    await write(FIRST, FIRST_SQL);
    await applyMigrations(url, dir);

    await write(FIRST, `${FIRST_SQL}ALTER TABLE products ADD COLUMN sku text;\n`);
    await write(SECOND, SECOND_SQL);
    await expect(applyMigrations(url, dir)).rejects.toThrow(`migration ${FIRST} was edited after it was applied`);
    expect(await tableExists(url, 'variants')).toBe(false);
  });

  it('rolls back a failing migration, leaving no partial tables, and names it', async () => {
    const { url, dir, write } = await fixture();
    const broken = '20250102000000_broken';
    await write(FIRST, FIRST_SQL);
    await write(
      broken,
      'CREATE TABLE partial_one (id int);\nCREATE TABLE partial_two (id int);\nINSERT INTO missing_table VALUES (1);\n',
    );
    await write('20250103000000_after', 'CREATE TABLE after_broken (id int);\n');

    await expect(applyMigrations(url, dir)).rejects.toThrow(
      new RegExp(`^migration ${broken} failed: relation "missing_table" does not exist`),
    );
    expect(await tableExists(url, 'products')).toBe(true);
    expect(await tableExists(url, 'partial_one')).toBe(false);
    expect(await tableExists(url, 'partial_two')).toBe(false);
    expect(await tableExists(url, 'after_broken')).toBe(false);
    const names = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM "_prisma_migrations"');
    expect(names.map((r) => r.migration_name)).toEqual([FIRST]);

    // Fixed before it was ever recorded, it applies on the next run.
    await write(broken, 'CREATE TABLE partial_one (id int);\n');
    await expect(applyMigrations(url, dir)).resolves.toEqual({
      applied: [broken, '20250103000000_after'],
      alreadyApplied: [FIRST],
    });
  });

  it('refuses a migration recorded as failed until it is marked rolled back', async () => {
    const { url, dir, write } = await fixture();
    await write(FIRST, FIRST_SQL);
    // What `prisma migrate deploy` leaves behind after a failure: a row without finished_at.
    await query(
      url,
      `CREATE TABLE "_prisma_migrations" (id varchar(36) PRIMARY KEY, checksum varchar(64) NOT NULL, finished_at timestamptz,
         migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz,
         started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count int NOT NULL DEFAULT 0);
       INSERT INTO "_prisma_migrations" (id, checksum, migration_name)
         VALUES ('00000000-0000-4000-8000-000000000000', '${sha256(FIRST_SQL)}', '${FIRST}')`,
    );
    await expect(applyMigrations(url, dir)).rejects.toThrow(`migration ${FIRST} failed earlier`);
    expect(await tableExists(url, 'products')).toBe(false);

    await query(url, 'UPDATE "_prisma_migrations" SET rolled_back_at = now()');
    await expect(applyMigrations(url, dir)).resolves.toEqual({ applied: [FIRST], alreadyApplied: [] });
    expect(await tableExists(url, 'products')).toBe(true);
  });

  it('serialises concurrent runs on one database: each migration is applied exactly once', async () => {
    const { url, dir, write } = await fixture();
    await write(FIRST, `SELECT pg_sleep(0.2);\n${FIRST_SQL}`);
    await write(SECOND, SECOND_SQL);

    const [a, b] = await Promise.all([applyMigrations(url, dir), applyMigrations(url, dir)]);
    expect([...a.applied, ...b.applied].sort()).toEqual([FIRST, SECOND]);
    expect([...a.alreadyApplied, ...b.alreadyApplied].sort()).toEqual([FIRST, SECOND]);
    const rows = await query<{ migration_name: string; n: number }>(
      url,
      'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY 1',
    );
    expect(rows).toEqual([
      { migration_name: FIRST, n: 1 },
      { migration_name: SECOND, n: 1 },
    ]);
  });
});
