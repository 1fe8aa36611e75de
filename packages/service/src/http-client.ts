import http from 'node:http';

/**
 * One keep-alive pool for every call a process makes to another Storegraph service over
 * plain HTTP (node:http keys its sockets by host and port). Sockets idle for a few
 * seconds are closed, before the other side's own keep-alive timeout (Node's default is
 * 5 s) could close one under a new request.
 */
const agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 256, timeout: 4_000 });

/** An answer read whole: status, headers as sent (name, value pairs) and the body as text. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
}

export interface HttpRequestInit {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/**
 * A call to another service over plain HTTP on node:http, the answer read whole. Node's
 * own `fetch` (undici behind WHATWG streams) cost more CPU per call than the rest of the
 * call's handling (the router's subgraph calls, then the services' internal calls).
 * Failures keep fetch's shape: a TypeError whose `cause` carries the socket's error and
 * code; no answer within `timeoutMs` fails with an Error named `TimeoutError`, as
 * `AbortSignal.timeout` would, and the request is abandoned. Other schemes (https:) go
 * through fetch, answered in the same shape.
 */
export function httpRequest(url: string | URL, init: HttpRequestInit): Promise<HttpAnswer> {
  const target = typeof url === 'string' ? new URL(url) : url;
  if (target.protocol !== 'http:') return viaFetch(target, init);
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
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
        method: init.method,
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
          const pairs: Array<[string, string]> = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            pairs.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
          }
          resolve({
            status: res.statusCode ?? 502,
            statusText: res.statusMessage ?? '',
            headers: pairs,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    const timer = setTimeout(() => {
      const error = new Error(`${target.host} did not answer within ${init.timeoutMs} ms.`);
      error.name = 'TimeoutError';
      fail(error);
      req.destroy();
    }, init.timeoutMs);
    req.on('error', fail);
    req.end(init.body);
  });
}

async function viaFetch(target: URL, init: HttpRequestInit): Promise<HttpAnswer> {
  const res = await fetch(target, {
    method: init.method,
    headers: init.headers,
    body: init.body,
    signal: AbortSignal.timeout(init.timeoutMs),
  });
  const headers: Array<[string, string]> = [];
  res.headers.forEach((value, name) => {
    headers.push([name, value]);
  });
  return { status: res.status, statusText: res.statusText, headers, body: await res.text() };
}
