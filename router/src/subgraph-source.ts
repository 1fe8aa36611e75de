import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@storegraph/logger';
import type { RouterContext } from './context.js';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * Node's fetch (undici) keeps connections to each subgraph alive and reuses them;
 * every call is bounded by the timeout.
 */
export function timedFetcher(timeoutMs: number): Fetcher {
  return ((url: string, init: RequestInit) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), keepalive: true })) as unknown as Fetcher;
}

/** A subgraph call carrying the request id and the caller's token, and nothing else of the client's. */
export class SubgraphSource extends RemoteGraphQLDataSource<RouterContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<RouterContext>['willSendRequest']>>[0]) {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
  }
}
