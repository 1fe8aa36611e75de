import persistedIds from 'virtual:persisted-operations';

// The storefront's only way to the API: same-origin POST /graphql (the storefront
// server proxies it to the router). Every operation is sent as its persisted id from
// the manifest the router enforces; an operation the router does not know (a manifest
// older than the code, during development) is sent again as text.

type Tokens = {
  /** The access token to send, refreshed first when it is about to expire. */
  accessToken: () => Promise<string | null>;
  /** Called when the router refused a token: refresh once; true when a new one is ready. */
  onUnauthenticated: () => Promise<boolean>;
};

let tokens: Tokens = { accessToken: async () => null, onUnauthenticated: async () => false };
export function setTokenSource(next: Tokens) {
  tokens = next;
}

const NOT_FOUND = /PERSISTED_QUERY_NOT_FOUND|PersistedQueryNotFound/;

type Body = { operationName?: string; query?: string; variables?: unknown; extensions?: Record<string, unknown> };

function persisted(body: Body): Body | null {
  const id = body.operationName ? persistedIds[body.operationName] : undefined;
  if (!id) return null;
  const { query: _text, ...rest } = body;
  return { ...rest, extensions: { ...body.extensions, persistedQuery: { version: 1, sha256Hash: id } } };
}

async function post(body: Body, token: string | null, signal?: AbortSignal | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(body), signal: signal ?? null });
}

async function send(body: Body, signal?: AbortSignal | null, withToken = true): Promise<Response> {
  const token = withToken ? await tokens.accessToken() : null;
  const byId = persisted(body);
  if (byId) {
    const res = await post(byId, token, signal);
    const text = await res.clone().text();
    if (!NOT_FOUND.test(text)) return res;
  }
  const { extensions: _e, ...text } = body;
  return post(text, token, signal);
}

/** A `fetch` for Apollo's HttpLink: persisted ids, the bearer token, one refresh on 401. */
export async function storeFetch(_uri: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const body = JSON.parse(String(init?.body ?? '{}')) as Body;
  const res = await send(body, init?.signal);
  if (res.status === 401 && (await tokens.onUnauthenticated())) return send(body, init?.signal);
  return res;
}
