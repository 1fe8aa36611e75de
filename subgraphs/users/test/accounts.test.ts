import { randomBytes } from 'node:crypto';
import { silentLogger } from '@storegraph/testkit';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/data/prisma-client.js';
import {
  claimsOf,
  LOGIN,
  LOGOUT,
  login,
  PASSWORD,
  REGISTER,
  refresh,
  registered,
  sha256,
  uniqueEmail,
  uniqueIp,
} from './operations.js';
import { AUDIENCE, gql, ISSUER, startUsersServer, type TestUsersServer } from './users-server.js';

const prisma = createPrismaClient(process.env.DATABASE_URL as string);
let server: TestUsersServer;
let url: string;

beforeAll(async () => {
  server = await startUsersServer({ prisma, logger: silentLogger() });
  url = server.url;
});

afterAll(async () => {
  await server.stop();
  await prisma.$disconnect();
});

const registerWith = async (input: Record<string, unknown>) =>
  (await gql(url, REGISTER, { input }, { ip: uniqueIp() })).data.register;
const codes = (payload: { userErrors: Array<{ code: string; field: string[] | null }> }) =>
  payload.userErrors.map((e) => [e.code, e.field]);

describe('register', () => {
  it('creates a signed-in CUSTOMER with a normalised email, storing only hashes', async () => {
    const tag = randomBytes(4).toString('hex');
    const before = Date.now();
    const payload = await registerWith({ email: `  Grace.${tag}@Example.COM `, password: PASSWORD, name: '  Grace ' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.user).toMatchObject({ email: `grace.${tag}@example.com`, name: 'Grace', role: 'CUSTOMER' });
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const expiresAt = Date.parse(payload.accessTokenExpiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 900_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: payload.user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const tokens = await prisma.refreshToken.findMany({ where: { userId: payload.user.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.tokenHash).toBe(sha256(payload.refreshToken));
    expect(JSON.stringify(tokens)).not.toContain(payload.refreshToken);
  });

  it('answers EMAIL_TAKEN for a taken email in any case and spacing', async () => {
    const email = uniqueEmail('taken');
    await registered(url, email);
    const again = await registerWith({ email: `  ${email.toUpperCase()}  `, password: PASSWORD, name: 'Other' });
    expect(again).toMatchObject({ user: null, accessToken: null, refreshToken: null, accessTokenExpiresAt: null });
    expect(codes(again)).toEqual([['EMAIL_TAKEN', ['input', 'email']]]);
  });

  it('lets exactly one of concurrent registrations of one email through', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => registerWith({ email, password: PASSWORD, name: `Racer ${i}` })),
    );
    expect(results.filter((r) => r.user !== null)).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'EMAIL_TAKEN')).toHaveLength(3);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it('answers WEAK_PASSWORD for short, common and email-like passwords', async () => {
    const email = 'christopher.robin.weak@example.com';
    for (const password of ['short-1', 'password123', 'QWERTYUIOP', '1234567890', email, 'Christopher.Robin.Weak']) {
      const payload = await registerWith({ email, password, name: 'Chris' });
      expect(codes(payload), password).toEqual([['WEAK_PASSWORD', ['input', 'password']]]);
    }
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it('answers INVALID_EMAIL and INVALID_NAME, all problems at once', async () => {
    const payload = await registerWith({ email: 'not-an-email', password: 'short', name: '   ' });
    expect(codes(payload)).toEqual([
      ['INVALID_EMAIL', ['input', 'email']],
      ['INVALID_NAME', ['input', 'name']],
      ['WEAK_PASSWORD', ['input', 'password']],
    ]);
    const long = `${'a'.repeat(250)}@example.com`;
    expect(codes(await registerWith({ email: long, password: PASSWORD, name: 'Long' }))).toEqual([
      ['INVALID_EMAIL', ['input', 'email']],
    ]);
  });

  it('cannot make an ADMIN: the input has no role, and the token says CUSTOMER', async () => {
    const res = await gql(url, REGISTER, {
      input: { email: uniqueEmail('sneaky'), password: PASSWORD, name: 'Sneaky', role: 'ADMIN' },
    });
    expect(res.data).toBeUndefined();
    expect(res.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const inline = await gql(
      url,
      `mutation { register(input: { email: "${uniqueEmail('inline')}", password: "${PASSWORD}", name: "I", role: ADMIN }) { user { id } } }`,
    );
    expect(inline.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const { accessToken, user } = await registered(url);
    expect(user.role).toBe('CUSTOMER');
    expect(claimsOf(accessToken).payload).toMatchObject({ sub: user.id, role: 'CUSTOMER', scope: 'customer' });
  });
});

describe('login', () => {
  it('returns an EdDSA access token with every claim, verifiable with the published JWKS', async () => {
    const { user } = await registered(url, uniqueEmail('ada'));
    const payload = await login(url, `  ${user.email.toUpperCase()} `, PASSWORD);
    expect(payload.userErrors).toEqual([]);
    expect(payload.user).toEqual(user);
    const { header, payload: claims } = claimsOf(payload.accessToken);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    expect(header.kid).toEqual(expect.any(String));
    expect(claims).toMatchObject({ sub: user.id, role: 'CUSTOMER', scope: 'customer', iss: ISSUER, aud: AUDIENCE });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
    expect(Date.parse(payload.accessTokenExpiresAt)).toBe((claims.exp as number) * 1000);

    const res = await fetch(`${url}/.well-known/jwks.json`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const jwks = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);
    for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    const verified = await jwtVerify(payload.accessToken, createLocalJWKSet(jwks as never), {
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    expect(verified.payload.sub).toBe(user.id);
  });

  it('gives an unknown email and a wrong password the same answer in about the same time', async () => {
    const { user } = await registered(url, uniqueEmail('timing'));
    const unknown = uniqueEmail('nobody');
    const timed = async (email: string, password: string) => {
      const started = performance.now();
      const res = await gql(url, LOGIN, { email, password }, { ip: uniqueIp() });
      return { ms: performance.now() - started, payload: res.data.login };
    };
    await timed(unknown, 'warm-up-password'); // the first request pays for module loading
    const wrong: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const a = await timed(user.email, 'not-the-password');
      const b = await timed(unknown, 'not-the-password');
      expect(a.payload).toEqual(b.payload);
      expect(a.payload.userErrors).toEqual([
        { code: 'INVALID_CREDENTIALS', field: null, message: 'Incorrect email or password.' },
      ]);
      wrong.push(a.ms);
      missing.push(b.ms);
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    console.info(
      `login timing over 3 tries: wrong password ${mean(wrong).toFixed(1)} ms, unknown email ${mean(missing).toFixed(1)} ms`,
    );
    expect(mean(wrong)).toBeGreaterThan(10);
    expect(mean(missing)).toBeGreaterThan(10);
    expect(Math.abs(mean(wrong) - mean(missing))).toBeLessThan(150);
  });
});

describe('refresh tokens', () => {
  it('rotate: a new token each time; the spent one then fails and revokes its family', async () => {
    const { user, refreshToken: first } = await registered(url);
    const next = await refresh(url, first);
    expect(next.userErrors).toEqual([]);
    expect(next.user.id).toBe(user.id);
    expect(next.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(next.refreshToken).not.toBe(first);
    expect(claimsOf(next.accessToken).payload.sub).toBe(user.id);

    const replay = await refresh(url, first);
    expect(replay).toMatchObject({ accessToken: null, refreshToken: null, user: null });
    expect(codes(replay)).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);
    expect(codes(await refresh(url, next.refreshToken))).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);
    const family = await prisma.refreshToken.findMany({ where: { userId: user.id } });
    expect(family).toHaveLength(2);
    expect(family.every((t) => t.revokedAt !== null)).toBe(true);
  });

  it('lets exactly one of concurrent refreshes of one token succeed', async () => {
    const { refreshToken } = await registered(url);
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh(url, refreshToken)));
    const winners = results.filter((r) => r.refreshToken !== null);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.refreshToken === null)) {
      expect(codes(loser)).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);
    }
    // The losers presented a spent token: that is reuse, so the winner's family is revoked too.
    expect(codes(await refresh(url, winners[0].refreshToken))).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);
  });

  it('refuses expired, unknown and malformed tokens, and tokens of a deleted account', async () => {
    const expiring = await registered(url);
    await prisma.refreshToken.update({
      where: { tokenHash: sha256(expiring.refreshToken) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(codes(await refresh(url, expiring.refreshToken))).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);
    expect(codes(await refresh(url, randomBytes(32).toString('base64url')))).toEqual([
      ['INVALID_REFRESH_TOKEN', ['refreshToken']],
    ]);
    expect(codes(await refresh(url, 'not a token'))).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);

    const deleted = await registered(url);
    await prisma.user.delete({ where: { id: deleted.user.id } });
    expect(codes(await refresh(url, deleted.refreshToken))).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);
  });

  it('starts a new family on every sign-in; logout ends only its own', async () => {
    const { user, refreshToken: fromRegister } = await registered(url);
    const fromLogin = (await login(url, user.email, PASSWORD)).refreshToken;
    const rows = await prisma.refreshToken.findMany({ where: { userId: user.id } });
    expect(new Set(rows.map((r) => r.familyId)).size).toBe(2);

    const next = await refresh(url, fromLogin);
    expect((await gql(url, LOGOUT, { t: next.refreshToken })).data.logout).toBe(true);
    expect(codes(await refresh(url, next.refreshToken))).toEqual([['INVALID_REFRESH_TOKEN', ['refreshToken']]]);
    expect((await refresh(url, fromRegister)).userErrors).toEqual([]);

    expect((await gql(url, LOGOUT, { t: randomBytes(32).toString('base64url') })).data.logout).toBe(false);
    expect(await gql(url, LOGOUT, { t: '' })).toEqual({ data: { logout: false } });
  });
});
