import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@storegraph/logger';
import {
  createHttpService,
  graphqlPlugins,
  inTurn,
  jsonBody,
  maskErrors,
  mountGraphQL,
  postsOnly,
} from '@storegraph/service';
import { type RouterContext, routerContext } from './context.js';
import type { EdgePlugin } from './edge/edge-plugin.js';
import { knownOperationsFastPath, prepareOperations } from './fast-path/known-operations.js';
import { mediaProxy } from './media-proxy.js';
import type { RouterMetrics } from './metrics.js';
import { installOperationCache } from './operation-cache.js';
import { mountPlayground } from './playground.js';
import { CircuitBreaker } from './resilience/circuit-breaker.js';
import { dedupeInflightQueries } from './resilience/inflight-dedupe.js';
import { subgraphFetcher } from './resilience/subgraph-fetcher.js';
import { measuredFetcher } from './subgraph-metrics.js';
import { SubgraphSource } from './subgraph-source.js';

export interface RouterDeps {
  logger: Logger;
  supergraphSdl: string;
  /** Subgraph name (as in the supergraph) to its GraphQL URL. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  /** Subgraph name to its own timeout, overriding subgraphTimeoutMs. */
  subgraphTimeouts?: Record<string, number>;
  /** Per subgraph: consecutive failures that open its circuit, and how long it stays open. */
  circuitBreaker?: { failureThreshold: number; openMs: number };
  metrics: RouterMetrics;
  bodyLimitBytes: number;
  introspection: boolean;
  /** Signs every subgraph call (see @storegraph/auth). */
  internalSecret: string;
  /** Proxies in front of the router trusted for X-Forwarded-For. */
  trustedProxyHops?: number;
  /** Edge concerns in the order they run (see edge/edge-plugin.ts). */
  plugins?: EdgePlugin[];
  /** GraphiQL at GET /graphql for browsers (see playground.ts). */
  playground?: boolean;
  /** Run after the HTTP server has drained (close clients here). */
  onShutdown?: Array<() => Promise<unknown>>;
}

/**
 * The federation router: a static supergraph (no introspection of subgraphs at run
 * time, so a subgraph that is down cannot stop it from starting, and it stays ready
 * while one is down), subgraph URLs from config, and on every subgraph call a
 * timeout, keep-alive, a circuit breaker and one retry of queries whose connection
 * failed. Identical queries in flight to one subgraph share one call.
 */
export async function createRouter(deps: RouterDeps) {
  const breakerOptions = deps.circuitBreaker ?? { failureThreshold: 5, openMs: 10_000 };
  // Shared by every subgraph: a mutation anywhere ends sharing of the queries in flight before it.
  const writes = { epoch: 0 };
  installOperationCache();
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl,
    logger: deps.logger,
    // On by default outside NODE_ENV=production: any caller sending the
    // Apollo-Query-Plan-Experimental header would get the plan (subgraph names and the
    // queries sent to them) in `extensions`.
    __exposeQueryPlanExperimental: false,
    buildService({ name, url }) {
      const configured = deps.subgraphUrls[name];
      if (!configured && !url) throw new Error(`no URL configured for subgraph ${name}`);
      const breaker = new CircuitBreaker({
        ...breakerOptions,
        onStateChange(state) {
          deps.metrics.subgraphCircuitOpen.set({ subgraph: name }, state === 'closed' ? 0 : 1);
          const log = state === 'closed' ? deps.logger.info : deps.logger.warn;
          log.call(deps.logger, { subgraph: name, state }, `circuit to subgraph ${name} ${state}`);
        },
      });
      deps.metrics.subgraphCircuitOpen.set({ subgraph: name }, 0);
      const fetcher = subgraphFetcher({
        name,
        timeoutMs: deps.subgraphTimeouts?.[name] ?? deps.subgraphTimeoutMs,
        breaker,
        metrics: deps.metrics,
        logger: deps.logger,
      });
      return new SubgraphSource(
        {
          url: configured ?? url,
          fetcher: dedupeInflightQueries(measuredFetcher(name, fetcher, deps.metrics.subgraphFetch), writes),
        },
        { name, logger: deps.logger, internalSecret: deps.internalSecret },
      );
    },
  });
  const plugins = deps.plugins ?? [];
  const service = createHttpService({
    name: 'router',
    logger: deps.logger,
    metrics: deps.metrics.service,
    onShutdown: [...(deps.onShutdown ?? []), ...plugins.flatMap((p) => (p.stop ? [p.stop] : []))],
    degradedBy: Object.fromEntries(
      Object.entries(deps.subgraphUrls).map(([name, url]) => [
        name,
        async () => {
          const res = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(1_000) });
          if (!res.ok) throw new Error(`${name} answered ${res.status}`);
        },
      ]),
    ),
  });
  service.app.set('trust proxy', deps.trustedProxyHops ?? 0);
  // Express hashes every answer for an ETag; no client revalidates a GraphQL POST (answers are no-store).
  service.app.set('etag', false);
  if (deps.playground) mountPlayground(service.app, deps.logger);
  const apolloPlugins = plugins.flatMap((p) => (p.apollo ? [p.apollo] : []));
  const known = plugins.flatMap((p) => [...(p.knownOperations ?? [])]);
  const fastPath =
    known.length > 0
      ? knownOperationsFastPath({
          gateway,
          operations: prepareOperations(known),
          plugins: graphqlPlugins(service, apolloPlugins),
          formatError: maskErrors(deps.logger),
          logger: deps.logger,
          metrics: deps.metrics.fastPath,
        })
      : undefined;
  // The edge as one layer: the body parsed once (so that edge plugins can read the
  // operation; Apollo Server's own parser then skips it), each plugin in turn, then the
  // fast path for POSTs; whatever none of them answered goes on to Apollo Server.
  service.app.use(
    '/graphql',
    inTurn([
      jsonBody({ limit: deps.bodyLimitBytes }),
      ...plugins.flatMap((p) => (p.http ? [p.http] : [])),
      ...(fastPath ? [postsOnly(fastPath)] : []),
    ]),
  );
  const products = deps.subgraphUrls.products;
  if (products) service.app.use('/media', mediaProxy(products, deps.subgraphTimeoutMs));
  const apollo = await mountGraphQL<RouterContext>(service, deps.logger, {
    apollo: {
      gateway,
      introspection: deps.introspection,
      plugins: apolloPlugins,
    },
    context: async (req, res) => routerContext(req, res),
    bodyLimit: deps.bodyLimitBytes,
  });
  return { service, apollo };
}
