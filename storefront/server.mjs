// Serves the storefront's production build on PORT (3000): see server-app.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStorefrontServer, isStripePublishableKey } from './server-app.mjs';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
// The payment providers the page may offer (see src/payment-providers.ts): the offline
// TEST provider only outside production, as the orders service itself refuses it there.
const paymentProviders = (process.env.PAYMENT_PROVIDERS ?? '')
  .split(',')
  .map((s) => s.trim().toUpperCase())
  .filter((name) => /^[A-Z]+$/.test(name) && !(name === 'TEST' && process.env.NODE_ENV === 'production'));
// Stripe's Payment Element (src/stripe.ts) when a publishable key is configured.
const stripePublishableKey = process.env.STRIPE_PUBLISHABLE_KEY || null;
if (stripePublishableKey && !isStripePublishableKey(stripePublishableKey)) {
  console.error('STRIPE_PUBLISHABLE_KEY must be a publishable key (pk_test_… or pk_live_…); Stripe is not offered.');
}

const server = createStorefrontServer({
  publicDir: path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist'),
  routerUrl: new URL(process.env.ROUTER_URL ?? 'http://127.0.0.1:4000'),
  paymentProviders,
  stripePublishableKey,
  // `always` behind a proxy that ends TLS without saying so (X-Forwarded-Proto).
  secureCookies: process.env.SECURE_COOKIES === 'always' ? 'always' : 'auto',
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
