// The storefront's server: serves the production build (dist/, from `vite build`),
// forwards /graphql and /media to the router, so the page talks to one origin (no
// CORS) and no request leaves for another host (the Content-Security-Policy below
// enforces that in the browser too), and keeps the session's refresh token in an
// HttpOnly cookie (/auth/*, see below). `server.mjs` runs it; tests build it here.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
/** A publishable Stripe key (pk_test_… / pk_live_…); anything else, a secret key above all, is refused. */
export const isStripePublishableKey = (key) => /^pk_(test|live)_[A-Za-z0-9]+$/.test(key ?? '');

/**
 * The page's security headers. Only with a Stripe publishable key (the Payment Element,
 * src/stripe.ts) are Stripe.js's hosts allowed: its script, its iframes and its API.
 */
function securityHeaders(stripeKey) {
  const stripe = (hosts) => (stripeKey ? ` ${hosts}` : '');
  return {
    'content-security-policy':
      `default-src 'self'; img-src 'self' data:${stripe('https://*.stripe.com')}; style-src 'self'; ` +
      `script-src 'self'${stripe('https://js.stripe.com https://*.js.stripe.com')}; ` +
      `connect-src 'self'${stripe('https://api.stripe.com')}; ` +
      `frame-src ${stripeKey ? 'https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com' : "'self'"}; ` +
      "font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

// ---------------------------------------------------------------- session endpoints
//
// POST /auth/login {email, password}, /auth/register {input}, /auth/refresh, /auth/logout.
// The router's answer goes back to the page without its refresh token, which is set
// as the cookie below instead (HttpOnly, so no script of the page can read it;
// SameSite=Strict and Path=/auth, so the browser sends it only to these endpoints and
// only from this site's own pages; Secure when the page came over HTTPS). The page
// keeps the access token in memory only.
//
// Refreshes are serialised here, per refresh token: a refresh token is single-use and
// the users service treats a second use as theft (it revokes the whole family). So
// concurrent refreshes with one cookie (several tabs, a reload racing a 401) share one
// call to the router, and a request that still carries the token just spent (sent
// before its tab saw the new cookie) gets the same answer for ROTATED_GRACE_MS.
// This memory is per process: several storefront replicas need sticky sessions.

export const REFRESH_COOKIE = 'sg_refresh';
const REFRESH_MAX_AGE_S = 30 * 24 * 3600;
const ROTATED_GRACE_MS = 10_000;
const MAX_BODY = 16 * 1024;

const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken refreshToken accessTokenExpiresAt
    user { id email name }
    userErrors { code message field }
  }
}`;
const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) {
    accessToken refreshToken accessTokenExpiresAt
    user { id email name }
    userErrors { code message field }
  }
}`;
const REFRESH = `mutation RefreshSession($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    accessToken refreshToken accessTokenExpiresAt
    user { id email name }
    userErrors { code message field }
  }
}`;
const LOGOUT = `mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`;

/** The manifest's id of an operation: the SHA-256 of its text (scripts/persisted-queries.mjs). */
const persistedId = (text) => createHash('sha256').update(text.trim(), 'utf8').digest('hex');

class RouterUnavailable extends Error {
  constructor(status, body) {
    super('the router did not answer the operation');
    this.status = status;
    this.body = body;
  }
}

function cookieOf(req, name) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        reject(Object.assign(new Error('not JSON'), { status: 400 }));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * @param {{ routerUrl: URL, secureCookies?: 'auto' | 'always', fetchTimeoutMs?: number }} options
 */
export function sessionEndpoints({ routerUrl, secureCookies = 'auto', fetchTimeoutMs = 15_000 }) {
  const refreshing = new Map();
  const rotated = new Map();

  async function operation(req, text, operationName, variables) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (req.headers['user-agent']) headers['user-agent'] = req.headers['user-agent'];
    // Passed on as /graphql's proxy passes it: the router charges sign-ins to the
    // shopper's address (behind TRUSTED_PROXY_HOPS), not to this server's, which every
    // shopper would share (the auth budget is ten attempts per address).
    if (req.headers['x-forwarded-for']) headers['x-forwarded-for'] = req.headers['x-forwarded-for'];
    const call = async (body) => {
      let res;
      try {
        res = await fetch(new URL('/graphql', routerUrl), {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(fetchTimeoutMs),
        });
      } catch {
        throw new RouterUnavailable(502, null);
      }
      const json = await res.json().catch(() => null);
      return { status: res.status, json };
    };
    const extensions = { persistedQuery: { version: 1, sha256Hash: persistedId(text) } };
    let answer = await call({ operationName, variables, extensions });
    const code = answer.json?.errors?.[0]?.extensions?.code ?? answer.json?.errors?.[0]?.message;
    if (/PERSISTED_QUERY_NOT_FOUND|PersistedQueryNotFound/.test(String(code))) {
      answer = await call({ operationName, variables, query: text });
    }
    const data = answer.json?.data;
    if (!data) throw new RouterUnavailable(answer.status >= 400 ? answer.status : 502, answer.json);
    return data;
  }

  const secure = (req) =>
    secureCookies === 'always' ||
    Boolean(req.socket.encrypted) ||
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      .trim() === 'https';

  const cookie = (req, token) =>
    [
      `${REFRESH_COOKIE}=${token ? encodeURIComponent(token) : ''}`,
      'Path=/auth',
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${token ? REFRESH_MAX_AGE_S : 0}`,
      ...(secure(req) ? ['Secure'] : []),
    ].join('; ');

  /** The router's auth payload for the page: everything but the refresh token. */
  function answer(req, res, payload) {
    const { refreshToken, ...forPage } = payload ?? {};
    const signedIn = Boolean(refreshToken && payload.accessToken && payload.user);
    sendJson(
      res,
      200,
      { accessToken: null, accessTokenExpiresAt: null, user: null, userErrors: [], ...forPage },
      signedIn ? { 'set-cookie': cookie(req, refreshToken) } : {},
    );
  }

  /** One refresh per token at a time; the token just spent answers its successor for a grace period. */
  function refreshOnce(req, token) {
    const recent = rotated.get(token);
    if (recent && recent.until > Date.now()) return recent.outcome;
    let running = refreshing.get(token);
    if (!running) {
      running = operation(req, REFRESH, 'RefreshSession', { refreshToken: token })
        .then((data) => data.refreshSession)
        .finally(() => refreshing.delete(token));
      refreshing.set(token, running);
      running
        .then((payload) => {
          if (!payload?.refreshToken) return;
          rotated.set(token, { outcome: running, until: Date.now() + ROTATED_GRACE_MS });
          setTimeout(() => rotated.delete(token), ROTATED_GRACE_MS).unref();
        })
        .catch(() => {});
    }
    return running;
  }

  return async function handle(req, res, pathname) {
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'POST only' }, { allow: 'POST' });
      return;
    }
    // A cross-site form or script never gets here: JSON only, and from this origin.
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && new URL(origin).host !== req.headers.host) {
      sendJson(res, 403, { error: 'cross-origin request refused' });
      return;
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, { error: 'send application/json' });
      return;
    }
    try {
      const body = await readJson(req);
      const token = cookieOf(req, REFRESH_COOKIE);
      if (pathname === '/auth/login') {
        const { email, password } = body;
        if (typeof email !== 'string' || typeof password !== 'string') {
          sendJson(res, 400, { error: 'expected { email, password }' });
          return;
        }
        answer(req, res, (await operation(req, LOGIN, 'Login', { email, password })).login);
      } else if (pathname === '/auth/register') {
        const input = body.input;
        if (typeof input !== 'object' || input === null) {
          sendJson(res, 400, { error: 'expected { input: { email, password, name } }' });
          return;
        }
        answer(req, res, (await operation(req, REGISTER, 'Register', { input })).register);
      } else if (pathname === '/auth/refresh') {
        if (!token) {
          answer(req, res, null);
          return;
        }
        const payload = await refreshOnce(req, token);
        if (payload?.refreshToken) answer(req, res, payload);
        else {
          // Spent, revoked or expired: the cookie is of no use any more.
          sendJson(
            res,
            200,
            { accessToken: null, accessTokenExpiresAt: null, user: null, userErrors: payload?.userErrors ?? [] },
            { 'set-cookie': cookie(req, null) },
          );
        }
      } else if (pathname === '/auth/logout') {
        if (token) await operation(req, LOGOUT, 'Logout', { refreshToken: token }).catch(() => {});
        sendJson(res, 200, { ok: true }, { 'set-cookie': cookie(req, null) });
      } else {
        sendJson(res, 404, { error: 'not found' });
      }
    } catch (error) {
      if (error instanceof RouterUnavailable) {
        // The router's own (masked) error, or a plain one; the cookie is kept for the next try.
        const first = error.body?.errors?.[0];
        sendJson(res, error.status === 429 ? 429 : 503, {
          error: first?.message ?? 'The store is unavailable right now.',
          code: first?.extensions?.code ?? 'SERVICE_UNAVAILABLE',
        });
      } else if (error?.status === 400 || error?.status === 413) {
        sendJson(res, error.status, { error: 'bad request' });
      } else {
        sendJson(res, 500, { error: 'internal error' });
      }
    }
  };
}

// ---------------------------------------------------------------- the server

/**
 * @param {{ publicDir: string, routerUrl: URL, paymentProviders?: string[], secureCookies?: 'auto' | 'always', stripePublishableKey?: string | null }} options
 */
export function createStorefrontServer({
  publicDir,
  routerUrl,
  paymentProviders = [],
  secureCookies = 'auto',
  stripePublishableKey = null,
}) {
  const stripeKey = isStripePublishableKey(stripePublishableKey) ? stripePublishableKey : null;
  const SECURITY_HEADERS = securityHeaders(stripeKey);
  const providersMeta =
    `<meta name="storegraph-payment-providers" content="${paymentProviders.join(',')}" />` +
    (stripeKey ? `\n  <meta name="storegraph-stripe-publishable-key" content="${stripeKey}" />` : '');
  const auth = sessionEndpoints({ routerUrl, secureCookies });

  /** Files read and gzipped once: the build is immutable while the server runs. */
  const files = new Map();
  async function load(file) {
    let entry = files.get(file);
    if (!entry) {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      let body = await readFile(file);
      if (path.basename(file) === 'index.html') {
        body = Buffer.from(body.toString('utf8').replace('</head>', `  ${providersMeta}\n  </head>`));
      }
      entry = { body, gzip: body.length > 1024 ? gzipSync(body) : null };
      files.set(file, entry);
    }
    return entry;
  }
  async function sendFile(req, res, file, cacheControl) {
    const { body, gzip } = await load(file);
    const zipped = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      vary: 'accept-encoding',
      ...(zipped ? { 'content-encoding': 'gzip' } : {}),
      'content-length': (zipped ? gzip : body).length,
    });
    res.end(req.method === 'HEAD' ? undefined : zipped ? gzip : body);
  }

  async function forward(req, res) {
    const target = new URL(req.url, routerUrl);
    const headers = { ...req.headers, host: target.host };
    delete headers.connection;
    // The session cookie is for /auth only (its Path); never pass cookies on.
    delete headers.cookie;
    try {
      const upstream = await fetch(target, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Readable.toWeb(req),
        duplex: 'half',
        signal: AbortSignal.timeout(15_000),
      });
      const out = {};
      upstream.headers.forEach((value, key) => {
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'set-cookie'].includes(key))
          out[key] = value;
      });
      res.writeHead(upstream.status, out);
      if (upstream.body) Readable.fromWeb(upstream.body).pipe(res);
      else res.end();
    } catch {
      sendJson(res, 502, {
        errors: [{ message: 'The store is unavailable right now.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
    }
  }

  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://storefront');
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","service":"storefront"}');
      return;
    }
    if (url.pathname.startsWith('/auth/')) {
      await auth(req, res, url.pathname);
      return;
    }
    if (url.pathname === '/graphql' || url.pathname.startsWith('/media/')) {
      await forward(req, res);
      return;
    }
    const index = path.join(publicDir, 'index.html');
    // Hashed assets are cached for a year; anything else is a route of the app.
    if (url.pathname.startsWith('/assets/')) {
      const file = path.join(publicDir, path.normalize(url.pathname));
      try {
        if (!file.startsWith(`${publicDir}${path.sep}`)) throw new Error('outside');
        await sendFile(req, res, file, 'public, max-age=31536000, immutable');
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      }
      return;
    }
    try {
      await sendFile(req, res, index, 'no-cache');
    } catch {
      res
        .writeHead(503, { 'content-type': 'text/plain' })
        .end('The storefront is not built: run `pnpm --filter @storegraph/storefront build`.');
    }
  });
}
