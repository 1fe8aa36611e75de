import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { internalCallHeaders } from '@storegraph/auth';
import type { Logger } from '@storegraph/logger';
import { GraphQLError } from 'graphql';
import type { RouterContext } from './context.js';
import { CircuitOpenError } from './resilience/circuit-breaker.js';

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
   * A subgraph that cannot be reached (refused, reset, timed out, circuit open)
   * becomes SERVICE_UNAVAILABLE for the fields it owns; its address and the cause
   * stay in our logs.
   */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
    if (!response) {
      // An open circuit was logged when it opened; one line per refused call would be noise.
      if (!(error instanceof CircuitOpenError)) {
        this.subgraph.logger.error({ err: error, subgraph: this.subgraph.name }, 'subgraph unreachable');
      }
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
