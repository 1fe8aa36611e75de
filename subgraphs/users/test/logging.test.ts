import { createLogger } from '@storegraph/logger';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { CHANGE_PASSWORD, customer, LOGOUT, login, PASSWORD, refresh, registered, uniqueEmail } from './operations.js';
import { gql, startUsersServer, type TestUsersServer } from './users-server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const lines: string[] = [];
const logger = createLogger('users', { level: 'debug', destination: { write: (l: string) => lines.push(l) } });
let server: TestUsersServer;

beforeAll(async () => {
  server = await startUsersServer({ prisma, logger });
});

afterAll(async () => {
  await server.stop();
  await prisma.$disconnect();
});

it('never writes a password or a token to the log', async () => {
  const url = server.url;
  const email = uniqueEmail('logged');
  const session = await registered(url, email);
  const wrong = await login(url, email, 'a-wrong-password-77');
  const signedIn = await login(url, email, PASSWORD);
  const refreshed = await refresh(url, signedIn.refreshToken);
  const replayed = await refresh(url, signedIn.refreshToken);
  const changed = await gql(
    url,
    CHANGE_PASSWORD,
    { current: PASSWORD, next: 'the-newest-password-3' },
    { viewer: customer(session.user.id) },
  );
  const loggedOut = await gql(url, LOGOUT, { t: session.refreshToken });
  expect(wrong.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  expect(replayed.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
  expect(changed.data.changePassword.userErrors).toEqual([]);
  expect(loggedOut.data.logout).toBe(true);

  const log = lines.join('');
  // The log did record the flow, so its silence about secrets means something.
  const messages = lines.map((l) => JSON.parse(l).message);
  expect(messages).toEqual(
    expect.arrayContaining([
      'account registered',
      'sign-in failed',
      'signed in',
      'session refreshed',
      'spent refresh token presented again; its family is revoked',
      'password changed; every refresh token of the account revoked',
    ]),
  );
  const secrets = [
    PASSWORD,
    'a-wrong-password-77',
    'the-newest-password-3',
    session.accessToken,
    session.refreshToken,
    signedIn.accessToken,
    signedIn.refreshToken,
    refreshed.accessToken,
    refreshed.refreshToken,
  ];
  for (const secret of secrets) expect(log).not.toContain(secret);
  expect(log).not.toContain(email);
  expect(log).not.toMatch(/\$argon2id\$/);
});
