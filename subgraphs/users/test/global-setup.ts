import { createTestDatabase, deleteRedisPrefix, testRedisPrefix } from '@storegraph/testkit';
import { migrationsDir } from '../src/migrations-dir.js';

/**
 * One migrated database and one Redis key prefix for this run, shared by the test
 * files through the environment, and removed afterwards.
 */
export default async function setup() {
  const database = await createTestDatabase('users', migrationsDir);
  const prefix = testRedisPrefix('users');
  process.env.DATABASE_URL = database.url;
  process.env.USERS_TEST_REDIS_PREFIX = prefix;
  return async () => {
    await database.drop();
    await deleteRedisPrefix(prefix);
  };
}
