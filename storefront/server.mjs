// Serves the storefront's production build (dist/, from `vite build`) and forwards
// /graphql and /media to the router, so the page talks to one origin (no CORS) and no
// request leaves for another host (the Content-Security-Policy below enforces that in
// the browser too).
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const routerUrl = new URL(process.env.ROUTER_URL ?? 'http://127.0.0.1:4000');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
// Stripe's Payment Element (src/stripe.ts) when a publishable key is configured: its
// meta tag names the key, and Stripe.js's hosts (script, iframes, API) are allowed.
const stripeKey = /^pk_(test|live)_[A-Za-z0-9]+$/.test(process.env.STRIPE_PUBLISHABLE_KEY ?? '')
  ? process.env.STRIPE_PUBLISHABLE_KEY
  : null;
if (process.env.STRIPE_PUBLISHABLE_KEY && !stripeKey) {
  console.error('STRIPE_PUBLISHABLE_KEY must be a publishable key (pk_test_… or pk_live_…); Stripe is not offered.');
}
const stripeSrc = (hosts) => (stripeKey ? ` ${hosts}` : '');
const SECURITY_HEADERS = {
  'content-security-policy':
    `default-src 'self'; img-src 'self' data:${stripeSrc('https://*.stripe.com')}; style-src 'self'; ` +
    `script-src 'self'${stripeSrc('https://js.stripe.com https://*.js.stripe.com')}; ` +
    `connect-src 'self'${stripeSrc('https://api.stripe.com')}; ` +
    `frame-src ${stripeKey ? 'https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com' : "'self'"}; ` +
    "font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};
// The payment providers the page may offer (see src/payment-providers.ts): the offline
// TEST provider only outside production, as the orders service itself refuses it there.
const paymentProviders = (process.env.PAYMENT_PROVIDERS ?? '')
  .split(',')
  .map((s) => s.trim().toUpperCase())
  .filter((name) => /^[A-Z]+$/.test(name) && !(name === 'TEST' && process.env.NODE_ENV === 'production'));
const providersMeta =
  `<meta name="storegraph-payment-providers" content="${paymentProviders.join(',')}" />` +
  (stripeKey ? `\n  <meta name="storegraph-stripe-publishable-key" content="${stripeKey}" />` : '');

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
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(key)) out[key] = value;
    });
    res.writeHead(upstream.status, out);
    if (upstream.body) Readable.fromWeb(upstream.body).pipe(res);
    else res.end();
  } catch {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        errors: [{ message: 'The store is unavailable right now.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      }),
    );
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://storefront');
  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","service":"storefront"}');
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

server.listen(port, host, () =>
  console.log(
    JSON.stringify({
      level: 'info',
      time: new Date().toISOString(),
      service: 'storefront',
      message: 'storefront ready',
      url: `http://${host}:${port}`,
    }),
  ),
);
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
