import { createTestDatabase, deleteRedisPrefix, testRedisPrefix } from '@storegraph/testkit';
import { migrationsDir } from '../src/migrations-dir.js';

/** One migrated database and one Redis key prefix for this run, shared by the test files. */
export default async function setup() {
  const database = await createTestDatabase('products', migrationsDir);
  process.env.DATABASE_URL = database.url;
  const queuePrefix = testRedisPrefix('products-queues').slice(0, -1);
  process.env.PRODUCTS_TEST_QUEUE_PREFIX = queuePrefix;
  return async () => {
    await database.drop();
    await deleteRedisPrefix(queuePrefix);
  };
}
