import { applyMigrations, dropDatabase, ensureDatabase, listDatabases, withDatabase } from '@storegraph/prisma';
import { testRunId } from './run-id.js';

/** The Postgres server tests use: TEST_POSTGRES_URL, else the local server. */
export function testServerUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export const TEST_DATABASE_PREFIX = 'sg_test_';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A database of this test run alone, migrated with the service's migrations.
 * Its name carries the run id, so concurrent runs never share data.
 */
export async function createTestDatabase(service: string, migrationsDir: string): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}${testRunId()}_${service}`.toLowerCase();
  const url = withDatabase(testServerUrl(), name);
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url, migrationsDir);
  return { url, name, drop: () => dropDatabase(url) };
}

/**
 * Drops databases left behind by runs that died before their teardown. A run id
 * starts with its start time in base 36; anything older than `maxAgeMs` is stale.
 */
export async function dropStaleTestDatabases(maxAgeMs = 6 * 60 * 60 * 1000): Promise<string[]> {
  const names = await listDatabases(testServerUrl(), TEST_DATABASE_PREFIX);
  const dropped: string[] = [];
  for (const name of names) {
    const started = Number.parseInt(name.slice(TEST_DATABASE_PREFIX.length).split('_')[0] ?? '', 36);
    if (Number.isFinite(started) && Date.now() - started > maxAgeMs) {
      await dropDatabase(withDatabase(testServerUrl(), name));
      dropped.push(name);
    }
  }
  return dropped;
}
