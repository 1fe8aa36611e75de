import { createTestDatabase } from '@storegraph/testkit';
import { migrationsDir } from '../src/migrations-dir.js';

/** One migrated database for this run, shared by the test files through DATABASE_URL. */
export default async function setup() {
  const database = await createTestDatabase('users', migrationsDir);
  process.env.DATABASE_URL = database.url;
  return async () => {
    await database.drop();
  };
}
