import http from 'node:http';
import { SubgraphResponse } from './subgraph-response.js';

/**
 * One keep-alive pool for every subgraph call (node:http keys its sockets by host and
 * port). Sockets idle for a few seconds are closed, before the subgraph's own
 * keep-alive timeout (Node's default is 5 s) could close one under a new request.
 */
const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 256, timeout: 4_000 });

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((value, key) => {
      out[key] = value;
    });
    return out;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers as [string, string][]);
  return { ...(headers as Record<string, string>) };
}

/**
 * `fetch` for a subgraph call over plain HTTP, on node:http: the answer is read whole
 * and handed over as a SubgraphResponse (what the gateway reads of a Response). Node's own fetch (undici behind WHATWG
 * streams) cost the router more CPU per call than the rest of the call's handling.
 * Failures keep fetch's shape (a TypeError whose `cause` carries the socket's code),
 * so the retry rules read them the same; a call past `timeoutMs` fails with a
 * `TimeoutError` as `AbortSignal.timeout` would. Anything but a string body over
 * http: goes to fetch.
 */
export function httpFetch(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const target = new URL(url);
  const body = init.body ?? undefined;
  if (target.protocol !== 'http:' || (body !== undefined && typeof body !== 'string')) {
    return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), keepalive: true });
  }
  return new Promise((resolve, reject) => {
    const headers = plainHeaders(init.headers);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    let settled = false;
    const fail = (cause: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(cause.name === 'TimeoutError' ? cause : new TypeError('fetch failed', { cause }));
    };
    const req = http.request(
      {
        host: target.hostname,
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? 'GET',
        headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const responseHeaders: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            responseHeaders.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
          }
          resolve(
            new SubgraphResponse(
              res.statusCode ?? 502,
              res.statusMessage ?? '',
              responseHeaders,
              Buffer.concat(chunks).toString('utf8'),
              url,
            ) as unknown as Response,
          );
        });
      },
    );
    const timer = setTimeout(() => {
      const error = new Error(`The subgraph did not answer within ${timeoutMs} ms.`);
      error.name = 'TimeoutError';
      fail(error);
      req.destroy();
    }, timeoutMs);
    req.on('error', fail);
    req.end(body);
  });
}
