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
}): http.Server;
