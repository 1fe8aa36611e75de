import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStorefrontServer, REFRESH_COOKIE } from '@storegraph/storefront/server-app.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Supergraph, startSupergraph } from './supergraph.js';

// The storefront server's session endpoints (storefront/server-app.mjs) against the
// real router and users service: the refresh token lives only in an HttpOnly cookie.

let sg: Supergraph;
let server: http.Server;
let base: string;
const PASSWORD = 'a long and unusual passphrase 42';

async function listen(s: http.Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  sg = await startSupergraph();
  server = createStorefrontServer({ publicDir: '/nonexistent', routerUrl: new URL(sg.routerUrl) });
  base = await listen(server);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await sg?.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}, target = base) {
  const res = await fetch(`${target}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as any, setCookie: res.headers.get('set-cookie') };
}

/** The value of the refresh cookie a Set-Cookie header sets. */
const tokenIn = (setCookie: string | null) => setCookie?.match(new RegExp(`${REFRESH_COOKIE}=([^;]*)`))?.[1] ?? null;
const withCookie = (token: string) => ({ cookie: `${REFRESH_COOKIE}=${token}` });

async function register() {
  const email = `session-${randomUUID().slice(0, 8)}@example.com`;
  const res = await post('/auth/register', { input: { email, password: PASSWORD, name: 'Ada Lovelace' } });
  expect(res.json.userErrors).toEqual([]);
  return { email, res, token: tokenIn(res.setCookie) as string };
}

const me = (accessToken: string) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: '{ me { email } }' }),
  }).then((r) => r.json() as Promise<any>);

describe('storefront session endpoints', () => {
  it('registers: the access token in the body, the refresh token only in an HttpOnly SameSite=Strict cookie', async () => {
    const { email, res, token } = await register();
    expect(res.status).toBe(200);
    expect(res.json.accessToken).toMatch(/^ey/);
    expect(res.json.user).toMatchObject({ email });
    expect(res.text).not.toContain('refreshToken');
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.text).not.toContain(token);
    const attributes = (res.setCookie as string).split('; ');
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/auth']));
    // Plain HTTP: not Secure (the browser would drop it); HTTPS behind a proxy: Secure.
    expect(attributes).not.toContain('Secure');
    expect((await me(res.json.accessToken)).data.me.email).toBe(email);

    const login = await post('/auth/login', { email, password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(login.setCookie?.split('; ')).toContain('Secure');
    expect(login.json.user.email).toBe(email);
  });

  it('refreshes with the cookie and rotates it; concurrent refreshes share one and never revoke the session', async () => {
    const { token } = await register();
    const first = await post('/auth/refresh', {}, withCookie(token));
    expect(first.json.user).not.toBeNull();
    const next = tokenIn(first.setCookie) as string;
    expect(next).toBeTruthy();
    expect(next).not.toBe(token);
    expect(first.text).not.toContain(next);

    // Five tabs refresh at once with the same cookie: one refresh, one successor, all signed in.
    const racing = await Promise.all(Array.from({ length: 5 }, () => post('/auth/refresh', {}, withCookie(next))));
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(racing.every((r) => r.json.user !== null && r.json.accessToken)).toBe(true);
    const successors = new Set(racing.map((r) => tokenIn(r.setCookie)));
    expect(successors.size).toBe(1);
    // A request that left with the spent token just before gets the same answer (no reuse, no revocation).
    const late = await post('/auth/refresh', {}, withCookie(next));
    expect(tokenIn(late.setCookie)).toBe([...successors][0]);
    const after = await post('/auth/refresh', {}, withCookie([...successors][0] as string));
    expect(after.json.user).not.toBeNull();
    expect(tokenIn(after.setCookie)).not.toBe([...successors][0]);
  });

  it('answers no session without a cookie, clears a cookie the users service refuses, and logs out', async () => {
    const none = await post('/auth/refresh', {});
    expect(none).toMatchObject({ status: 200, json: { user: null, accessToken: null }, setCookie: null });
    const forged = await post('/auth/refresh', {}, withCookie('x'.repeat(43)));
    expect(forged.json.user).toBeNull();
    expect(forged.setCookie).toMatch(new RegExp(`^${REFRESH_COOKIE}=;.*Max-Age=0`));

    const { token } = await register();
    const out = await post('/auth/logout', {}, withCookie(token));
    expect(out.status).toBe(200);
    expect(out.setCookie).toMatch(/Max-Age=0/);
    // logout revoked the family: the cookie no longer refreshes.
    expect((await post('/auth/refresh', {}, withCookie(token))).json.user).toBeNull();
  });

  it('gives a wrong password its userError and no cookie', async () => {
    const { email } = await register();
    const wrong = await post('/auth/login', { email, password: 'not the password at all' });
    expect(wrong.status).toBe(200);
    expect(wrong.json.user).toBeNull();
    expect(wrong.json.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_CREDENTIALS' })]);
    expect(wrong.setCookie).toBeNull();
  });

  it('refuses other sites, other methods and other bodies', async () => {
    const { token } = await register();
    const cross = await post('/auth/refresh', {}, { ...withCookie(token), origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.setCookie).toBeNull();
    const form = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a&password=b',
    });
    expect(form.status).toBe(415);
    expect((await fetch(`${base}/auth/refresh`)).status).toBe(405);
    expect((await post('/auth/login', { email: 1 })).status).toBe(400);
    const broken = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(broken.status).toBe(400);
    // The token still works: nothing above spent it.
    expect((await post('/auth/refresh', {}, withCookie(token))).json.user).not.toBeNull();
  });

  it('answers 503 without internals when the router does not answer, keeping the cookie', async () => {
    const down = createStorefrontServer({ publicDir: '/nonexistent', routerUrl: new URL('http://127.0.0.1:9') });
    const target = await listen(down);
    try {
      const res = await post('/auth/refresh', {}, withCookie('x'.repeat(43)), target);
      expect(res.status).toBe(503);
      expect(res.setCookie).toBeNull();
      expect(res.json).toEqual({ error: 'The store is unavailable right now.', code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
  });
});
