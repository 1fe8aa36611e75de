import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@storegraph/logger';
import type { RouterMetrics } from '../metrics.js';
import { type CircuitBreaker, CircuitOpenError } from './circuit-breaker.js';
import { httpFetch } from './http-fetch.js';

export type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/** undici's codes for a connection that was refused, reset or closed before a response. */
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export function isConnectionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === 'string' && CONNECTION_FAILURES.has(cause.code);
}

/** Whether the subgraph operation (the JSON body the gateway sends) is a mutation. */
function isMutation(body: unknown): boolean {
  if (typeof body !== 'string') return true;
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    return typeof query !== 'string' || /^\s*mutation\b/.test(query);
  } catch {
    return true;
  }
}

/**
 * Every call to one subgraph: bounded by its timeout, on keep-alive connections
 * (httpFetch), through its circuit breaker. A query whose connection fails
 * (refused, reset, closed before an answer) is sent once more; a mutation never is,
 * nor a call that timed out, which the subgraph may still be working on.
 */
export function subgraphFetcher(options: {
  name: string;
  timeoutMs: number;
  breaker: CircuitBreaker;
  metrics: RouterMetrics;
  logger: Logger;
}): Fetcher {
  const { name, breaker } = options;
  const attempt = (url: string, init: RequestInit) => httpFetch(url, init, options.timeoutMs);
  return (async (url: string, init: RequestInit) => {
    if (!breaker.tryAcquire()) throw new CircuitOpenError(name);
    try {
      let response: Response;
      try {
        response = await attempt(url, init);
      } catch (error) {
        if (!isConnectionFailure(error) || isMutation(init.body)) throw error;
        options.metrics.subgraphRetries.inc({ subgraph: name });
        options.logger.warn({ err: error, subgraph: name }, 'subgraph connection failed; retrying the query once');
        response = await attempt(url, init);
      }
      if (response.status >= 500) breaker.failure();
      else breaker.success();
      return response;
    } catch (error) {
      breaker.failure();
      throw error;
    }
  }) as unknown as Fetcher;
}
