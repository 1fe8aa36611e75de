import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, deleteRedisPrefix, dropStaleTestDatabases, testRedisPrefix } from '@storegraph/testkit';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One migrated database per Postgres subgraph for this run, and a Redis prefix. */
export default async function setup() {
  await dropStaleTestDatabases();
  const databases = await Promise.all(
    ['users', 'products', 'orders', 'search'].map(async (name) => {
      const db = await createTestDatabase(`e2e_${name}`, path.join(root, 'subgraphs', name, 'prisma/migrations'));
      process.env[`E2E_${name.toUpperCase()}_DATABASE_URL`] = db.url;
      return db;
    }),
  );
  const redisPrefix = testRedisPrefix('e2e');
  process.env.E2E_REDIS_PREFIX = redisPrefix;
  return async () => {
    await Promise.all(databases.map((db) => db.drop()));
    await deleteRedisPrefix(redisPrefix);
  };
}
