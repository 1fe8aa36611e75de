import { httpRequest } from '@storegraph/service';
import { SubgraphResponse } from './subgraph-response.js';

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
 * `fetch` for a subgraph call over plain HTTP, on node:http (`httpRequest` of
 * @storegraph/service, shared with the services' internal calls): the answer is read
 * whole and handed over as a SubgraphResponse (what the gateway reads of a Response).
 * Failures keep fetch's shape (a TypeError whose `cause` carries the socket's code), so
 * the retry rules read them the same; a call past `timeoutMs` fails with a
 * `TimeoutError` as `AbortSignal.timeout` would. Anything but a string body over http:
 * goes to fetch.
 */
export async function httpFetch(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  const target = new URL(url);
  const body = init.body ?? undefined;
  if (target.protocol !== 'http:' || (body !== undefined && typeof body !== 'string')) {
    return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), keepalive: true });
  }
  const answer = await httpRequest(target, {
    method: init.method ?? 'GET',
    headers: plainHeaders(init.headers),
    body,
    timeoutMs,
  });
  return new SubgraphResponse(
    answer.status,
    answer.statusText,
    answer.headers,
    answer.body,
    url,
  ) as unknown as Response;
}
