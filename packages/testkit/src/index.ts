export {
  createTestDatabase,
  dropStaleTestDatabases,
  TEST_DATABASE_PREFIX,
  type TestDatabase,
  testServerUrl,
} from './postgres.js';
export { deleteRedisPrefix, testRedisPrefix, testRedisUrl } from './redis.js';
export { testRunId } from './run-id.js';
export { silentLogger } from './silent-logger.js';
export { createTestSigningKey, forgedTokens, signTestToken, type TestSigningKey, type TokenClaims } from './tokens.js';
