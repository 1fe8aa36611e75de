import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { RouterContext } from '../context.js';
import type { KnownOperation } from '../persisted/manifest.js';

/**
 * One concern of the router's edge (token verification, rate limits, persisted
 * queries, operation limits …), in the style of gateway `useX(options)` plugins.
 *
 * Plugins run in the order given to the router:
 * - `http` runs before the body reaches GraphQL and may answer the request itself
 *   (a 401, a 429, a 413);
 * - `apollo` hooks into parsing, validation, planning and the response (operation
 *   limits after parsing, cost headers on the way out).
 */
export interface EdgePlugin {
  name: string;
  http?: RequestHandler;
  apollo?: ApolloServerPlugin<RouterContext>;
  /** Operations the router may run on its fast path, past Apollo Server's pipeline (fast-path/). */
  knownOperations?: Iterable<KnownOperation>;
  /** Releases what the plugin holds (a connection), when the router shuts down. */
  stop?: () => Promise<void>;
}
