import { randomBytes } from 'node:crypto';

const RUN_ID_VARIABLE = 'STOREGRAPH_TEST_RUN_ID';

/**
 * One id per test run, shared by the global setup and the workers it starts
 * (through the environment): start time in base 36, then random characters.
 */
export function testRunId(): string {
  let id = process.env[RUN_ID_VARIABLE];
  if (!id) {
    id = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    process.env[RUN_ID_VARIABLE] = id;
  }
  return id;
}
