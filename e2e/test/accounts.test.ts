import { randomBytes } from 'node:crypto';
import { createLogger } from '@storegraph/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

/** Every log line of the router and all subgraphs while these tests run. */
const logLines: string[] = [];
let sg: Supergraph;
const PASSWORD = 'violet-Harbour-93-kite';
const NEW_PASSWORD = 'amber-Lantern-17-quay';
const email = `acct.${randomBytes(4).toString('hex')}@example.com`;

const AUTH = 'accessToken refreshToken accessTokenExpiresAt user { id email role } userErrors { code field }';
const USER = 'user { id email name addresses { id city country isDefault } } userErrors { code field }';

const call = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
  sg.gql(query, variables, token ? { authorization: `Bearer ${token}` } : {});

let session: { accessToken: string; refreshToken: string; user: { id: string } };

beforeAll(async () => {
  sg = await startSupergraph({
    logger: createLogger('e2e', { level: 'debug', destination: { write: (line: string) => logLines.push(line) } }),
  });
});

afterAll(async () => {
  await sg?.stop();
});

describe('accounts through the router', () => {
  it('registers a customer (never an admin) and reads them back with me', async () => {
    const res = await call(`mutation($i: RegisterInput!) { register(input: $i) { ${AUTH} } }`, {
      i: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: 'Ada Lovelace' },
    });
    expect(res.data.register.userErrors).toEqual([]);
    expect(res.data.register.user).toMatchObject({ email, role: 'CUSTOMER' });
    session = res.data.register;
    const me = await call('{ me { id email name role } }', {}, session.accessToken);
    expect(me.data.me).toEqual({ id: session.user.id, email, name: 'Ada Lovelace', role: 'CUSTOMER' });
    const taken = await call(`mutation($i: RegisterInput!) { register(input: $i) { ${AUTH} } }`, {
      i: { email, password: PASSWORD, name: 'Someone' },
    });
    expect(taken.data.register.userErrors[0].code).toBe('EMAIL_TAKEN');
    const weak = await call(`mutation($i: RegisterInput!) { register(input: $i) { ${AUTH} } }`, {
      i: { email: `weak.${email}`, password: 'password123', name: 'Weak' },
    });
    expect(weak.data.register.userErrors[0].code).toBe('WEAK_PASSWORD');
    expect(weak.data.register.accessToken).toBeNull();
  });

  it('logs in, and answers a wrong password exactly like an unknown email', async () => {
    const ok = await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
      e: email,
      p: PASSWORD,
    });
    expect(ok.data.login.userErrors).toEqual([]);
    expect(ok.data.login.accessToken).toEqual(expect.any(String));
    const wrong = await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
      e: email,
      p: 'not-the-password-1',
    });
    const unknown = await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
      e: `nobody.${email}`,
      p: 'not-the-password-1',
    });
    expect(wrong.data.login).toEqual(unknown.data.login);
    expect(wrong.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH} } }`;
    const first = (await call(REFRESH, { t: session.refreshToken })).data.refreshSession;
    expect(first.userErrors).toEqual([]);
    expect(first.refreshToken).not.toBe(session.refreshToken);
    const second = (await call(REFRESH, { t: first.refreshToken })).data.refreshSession;
    expect(second.userErrors).toEqual([]);
    const reuse = (await call(REFRESH, { t: session.refreshToken })).data.refreshSession;
    expect(reuse.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    const afterTheft = (await call(REFRESH, { t: second.refreshToken })).data.refreshSession;
    expect(afterTheft.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('logs out a session, whose refresh token then fails', async () => {
    const login = (
      await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
        e: email,
        p: PASSWORD,
      })
    ).data.login;
    expect(
      (await call('mutation($t: String!) { logout(refreshToken: $t) }', { t: login.refreshToken })).data.logout,
    ).toBe(true);
    const after = (
      await call(`mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH} } }`, { t: login.refreshToken })
    ).data.refreshSession;
    expect(after.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    session = login;
  });

  it('updates the profile, adds and deletes addresses, for the signed-in user only', async () => {
    const token = (
      await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
        e: email,
        p: PASSWORD,
      })
    ).data.login.accessToken;
    const renamed = await call(
      `mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { ${USER} } }`,
      { i: { name: 'Ada King' } },
      token,
    );
    expect(renamed.data.updateProfile.user.name).toBe('Ada King');
    const ADD = `mutation($i: AddressInput!) { addressAdd(input: $i) { ${USER} } }`;
    const address = { name: 'Ada King', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH' };
    const home = await call(ADD, { i: { ...address, country: 'gb' } }, token);
    expect(home.data.addressAdd.user.addresses).toEqual([
      { id: expect.any(String), city: 'London', country: 'GB', isDefault: true },
    ]);
    const bad = await call(ADD, { i: { ...address, country: 'UK' } }, token);
    expect(bad.data.addressAdd.userErrors[0]).toEqual({ code: 'INVALID_COUNTRY', field: ['input', 'country'] });
    const work = await call(
      ADD,
      { i: { ...address, city: 'Paris', postalCode: '75001', country: 'FR', isDefault: true } },
      token,
    );
    const book = work.data.addressAdd.user.addresses;
    expect(book.filter((a: any) => a.isDefault).map((a: any) => a.city)).toEqual(['Paris']);
    const parisId = book.find((a: any) => a.city === 'Paris').id;
    const deleted = await call(
      'mutation($id: ID!) { addressDelete(id: $id) { user { addresses { city isDefault } } userErrors { code } } }',
      { id: parisId },
      token,
    );
    expect(deleted.data.addressDelete.user.addresses).toEqual([{ city: 'London', isDefault: true }]);

    const guest = await call(`mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { ${USER} } }`, {
      i: { name: 'Mallory' },
    });
    expect(guest.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('changes the password with the current one, ending every session', async () => {
    const login = (
      await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
        e: email,
        p: PASSWORD,
      })
    ).data.login;
    const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { ${USER} } }`;
    const wrong = await call(CHANGE, { c: 'not-the-password-1', n: NEW_PASSWORD }, login.accessToken);
    expect(wrong.data.changePassword.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const changed = await call(CHANGE, { c: PASSWORD, n: NEW_PASSWORD }, login.accessToken);
    expect(changed.data.changePassword.userErrors).toEqual([]);
    const refresh = (
      await call(`mutation($t: String!) { refreshSession(refreshToken: $t) { ${AUTH} } }`, { t: login.refreshToken })
    ).data.refreshSession;
    expect(refresh.userErrors[0].code).toBe('INVALID_REFRESH_TOKEN');
    const old = (
      await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
        e: email,
        p: PASSWORD,
      })
    ).data.login;
    expect(old.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const fresh = (
      await call(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`, {
        e: email,
        p: NEW_PASSWORD,
      })
    ).data.login;
    expect(fresh.userErrors).toEqual([]);
  });

  it('wrote no password and no token to any log line', () => {
    expect(logLines.length).toBeGreaterThan(20);
    const text = logLines.join('\n');
    for (const secret of [PASSWORD, NEW_PASSWORD, session.refreshToken, session.accessToken, 'not-the-password-1']) {
      expect(text).not.toContain(secret);
    }
    // Tokens of any session: nothing shaped like a JWT or our refresh tokens appears.
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
  });
});
