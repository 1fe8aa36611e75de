import type { Fetcher } from './subgraph-fetcher.js';
import { SubgraphResponse } from './subgraph-response.js';

type Call = (url: string, init: RequestInit) => Promise<Response>;

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

function headerOf(init: RequestInit, name: string): string {
  const headers = init.headers;
  if (!headers) return '';
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? '';
  if (Array.isArray(headers)) return headers.find(([key]) => key?.toLowerCase() === name)?.[1] ?? '';
  const record = headers as Record<string, string>;
  return record[name] ?? record[name.toLowerCase()] ?? '';
}

/** A subgraph query (never a mutation): the JSON body the gateway sends starts its document with `query` or `{`. */
function isQuery(body: unknown): body is string {
  if (typeof body !== 'string') return false;
  const match = /"query"\s*:\s*"\s*(query\b|\{)/.exec(body.slice(0, 200));
  return match !== null;
}

/**
 * Identical subgraph queries in flight at the same time share one call: same URL, same
 * body (document and variables) and same Authorization header, so one caller's answer
 * is exactly what each of the others would have been given. Mutations always go out on
 * their own. The shared answer is read once and handed to each caller as a SubgraphResponse
 * of its own (a body can be read only once). The request id, client address and
 * internal proof of the first caller go with the shared call: no subgraph query reads
 * the client address (only the login and password mutations do).
 *
 * A query never joins a call that began before a mutation finished: a client that
 * reads after its write (a cart read again after merging) must not get the answer of
 * a read that started before it. `writes` counts finished mutations; give every
 * subgraph's fetcher the same one, since a mutation of one subgraph changes what
 * another answers (a cart merged shows in `me { cart }`).
 */
export function dedupeInflightQueries(fetcher: Fetcher, writes: { epoch: number } = { epoch: 0 }): Fetcher {
  const call = fetcher as unknown as Call;
  const inflight = new Map<string, Promise<Answer>>();
  return (async (url: string, init: RequestInit) => {
    if (!isQuery(init.body)) {
      try {
        return await call(url, init);
      } finally {
        writes.epoch += 1;
      }
    }
    const key = `${writes.epoch}\n${url}\n${headerOf(init, 'authorization')}\n${init.body}`;
    let shared = inflight.get(key);
    if (!shared) {
      shared = (async () => {
        try {
          const response = await call(url, init);
          return {
            status: response.status,
            statusText: response.statusText,
            headers: [...response.headers],
            body: await response.text(),
          };
        } finally {
          inflight.delete(key);
        }
      })();
      inflight.set(key, shared);
    }
    const answer = await shared;
    return new SubgraphResponse(answer.status, answer.statusText, answer.headers, answer.body, url);
  }) as unknown as Fetcher;
}
