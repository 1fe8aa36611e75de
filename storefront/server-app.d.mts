import type http from 'node:http';

export declare const REFRESH_COOKIE: string;

export declare function sessionEndpoints(options: {
  routerUrl: URL;
  secureCookies?: 'auto' | 'always';
  fetchTimeoutMs?: number;
}): (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => Promise<void>;

export declare function createStorefrontServer(options: {
  publicDir: string;
  routerUrl: URL;
  paymentProviders?: string[];
  secureCookies?: 'auto' | 'always';
  /** Offers Stripe's Payment Element and allows Stripe.js's hosts (a pk_… key; anything else is ignored). */
  stripePublishableKey?: string | null;
}): http.Server;

export declare function isStripePublishableKey(key: string | null | undefined): boolean;
