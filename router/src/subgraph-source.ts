import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { internalCallHeaders } from '@storegraph/auth';
import type { Logger } from '@storegraph/logger';
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

/**
 * A subgraph call carrying the request id, the client's address and token, and the
 * proof that it comes from the router; nothing else of the client's request.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<RouterContext>>[0],
    private readonly subgraph: { name: string; logger: Logger; internalSecret: string },
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
    if (context.authorization) headers.set('authorization', context.authorization);
    // The proof binds the request id, client address and token: subgraphs refuse calls without it.
    const internal = internalCallHeaders(this.subgraph.internalSecret, {
      requestId: context.requestId,
      clientIp: context.clientIp,
      authorization: context.authorization,
    });
    for (const [name, value] of Object.entries(internal)) headers.set(name, value);
  }
}
