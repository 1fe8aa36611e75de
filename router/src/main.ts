import { readFileSync } from 'node:fs';
import { verifierFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { runService } from '@storegraph/service';
import { loadRouterConfig, subgraphUrls } from './config.js';
import { routerEdge } from './edge/router-edge.js';
import { createRouter } from './server.js';

const config = loadRouterConfig();
const logger = createLogger('router', { level: config.LOG_LEVEL });

await runService({
  name: 'router',
  logger,
  port: config.PORT,
  host: config.HOST,
  async create() {
    const supergraphSdl = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
    const { service } = await createRouter({
      logger,
      supergraphSdl,
      subgraphUrls: subgraphUrls(config),
      subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      introspection: config.introspection,
      internalSecret: config.INTERNAL_SECRET,
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
      plugins: routerEdge({ config, supergraphSdl, logger, verifier: verifierFromConfig(config) }),
    });
    return service;
  },
});
