import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { type Logger, REQUEST_ID_HEADER } from '@storegraph/logger';
import { GraphQLError } from 'graphql';
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
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<RouterContext>>[0],
    private readonly subgraph: { name: string; logger: Logger },
  ) {
    super(config);
  }

  /**
   * A subgraph that cannot be reached (refused, reset, timed out) becomes
   * SERVICE_UNAVAILABLE for the fields it owns; its address and the cause stay in
   * our logs.
   */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
    if (!response) {
      this.subgraph.logger.error({ err: error, subgraph: this.subgraph.name }, 'subgraph unreachable');
      throw new GraphQLError('A service this request needs is unavailable; please retry shortly.', {
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
    }
    throw error;
  }

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
