import { createLogger } from '@storegraph/logger';
import { createFailFastRedis as createRedis } from '@storegraph/service';
import { silentLogger, testRedisUrl } from '@storegraph/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import { LOGIN, PASSWORD, registered, uniqueEmail, uniqueIp } from './operations.js';
import { gql, startUsersServer, type TestUsersServer } from './users-server.js';

const INVALID = 'INVALID_CREDENTIALS';
const prisma = createPrismaClient(process.env.DATABASE_URL as string);
const prefix = process.env.USERS_TEST_REDIS_PREFIX as string;
const redis = new Redis(testRedisUrl(), { lazyConnect: true });
let server: TestUsersServer;
let url: string;

beforeAll(async () => {
  await redis.connect();
  server = await startUsersServer({ prisma, logger: silentLogger() });
  url = server.url;
});

afterAll(async () => {
  await server.stop();
  redis.disconnect();
  await prisma.$disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function attempt(email: string, password: string, ip = uniqueIp(), target = url) {
  const started = performance.now();
  const res = await gql(target, LOGIN, { email, password }, { ip });
  return { ms: performance.now() - started, payload: res.data.login, code: res.data.login.userErrors[0]?.code ?? null };
}

describe('login throttling', () => {
  it('refuses an account at once after 5 failures, even the right password, for a growing delay', async () => {
    const { user } = await registered(url, uniqueEmail('locked'));
    for (let i = 0; i < 5; i += 1) expect((await attempt(user.email, `wrong-password-${i}`)).code).toBe(INVALID);

    const refused = await attempt(user.email.toUpperCase(), PASSWORD);
    expect(refused.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.ms).toBeLessThan(200);
    expect(refused.payload).toMatchObject({ accessToken: null, refreshToken: null, user: null });
    expect(refused.payload.userErrors[0]).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      field: null,
      message: 'Too many failed sign-in attempts. Try again in 1 second.',
    });

    // The first refusal lasts 2^0 s; the sixth failure doubles it.
    await sleep(1_100);
    expect((await attempt(user.email, 'wrong-password-6')).code).toBe(INVALID);
    expect((await attempt(user.email, PASSWORD)).payload.userErrors[0].message).toBe(
      'Too many failed sign-in attempts. Try again in 2 seconds.',
    );
    await sleep(2_100);
    expect((await attempt(user.email, PASSWORD)).payload.userErrors).toEqual([]);

    // The success cleared the count: four more failures do not lock the account.
    for (let i = 0; i < 4; i += 1) expect((await attempt(user.email, `wrong-again-${i}`)).code).toBe(INVALID);
    expect((await attempt(user.email, PASSWORD)).payload.userErrors).toEqual([]);
  });

  it('refuses a client address after 20 failures across different emails, not after 5', async () => {
    const { user } = await registered(url, uniqueEmail('bystander'));
    const ip = uniqueIp();
    for (let i = 0; i < 20; i += 1)
      expect((await attempt(uniqueEmail('guess'), 'guess-password', ip)).code).toBe(INVALID);
    const refused = await attempt(user.email, PASSWORD, ip);
    expect(refused.code).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.ms).toBeLessThan(200);
    // The account itself is not locked: from elsewhere it signs in.
    expect((await attempt(user.email, PASSWORD)).payload.userErrors).toEqual([]);
  });

  it('counts concurrent guesses before checking them, so a burst cannot exceed the limit', async () => {
    const { user } = await registered(url, uniqueEmail('burst'));
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.email, `burst-guess-${i}`)));
    expect(results.filter((r) => r.code === INVALID)).toHaveLength(5);
    expect(results.filter((r) => r.code === 'TOO_MANY_ATTEMPTS')).toHaveLength(7);
  });

  it('keeps every key under the prefix, each with a TTL and no email in its name', async () => {
    const email = uniqueEmail('keys');
    await attempt(email, 'some-wrong-password');
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.startsWith(`${prefix}login:`)).toBe(true);
      expect(key).not.toContain('@');
      expect(await redis.pttl(key)).toBeGreaterThan(0);
    }
  });

  it('fails open with a warning when Redis cannot be reached', async () => {
    const lines: string[] = [];
    const logger = createLogger('users', { level: 'debug', destination: { write: (l: string) => lines.push(l) } });
    const unreachable = createRedis('redis://127.0.0.1:1/0');
    unreachable.on('error', () => {});
    const offline = await startUsersServer({ prisma, logger, redis: unreachable, redisPrefix: prefix });
    try {
      const { user } = await registered(offline.url, uniqueEmail('offline'));
      const ip = uniqueIp();
      for (let i = 0; i < 6; i += 1) {
        expect((await attempt(user.email, `wrong-${i}`, ip, offline.url)).code).toBe(INVALID);
      }
      expect((await attempt(user.email, PASSWORD, ip, offline.url)).payload.userErrors).toEqual([]);
      const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l['log.level'] === 'warn');
      expect(warnings.map((w) => w.message)).toContain(
        'login throttle unavailable; the attempt is allowed unthrottled',
      );
    } finally {
      await offline.stop();
      unreachable.disconnect();
    }
  });
});
