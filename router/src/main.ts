import { readFileSync } from 'node:fs';
import { verifierFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { runService } from '@storegraph/service';
import { loadRouterConfig, subgraphUrls } from './config.js';
import { useAccessTokens } from './edge/access-tokens.js';
import { createRouter } from './server.js';

const config = loadRouterConfig();
const logger = createLogger('router', { level: config.LOG_LEVEL });

await runService({
  name: 'router',
  logger,
  port: config.PORT,
  host: config.HOST,
  metricsPort: config.METRICS_PORT,
  async create() {
    const { service } = await createRouter({
      logger,
      supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: subgraphUrls(config),
      subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      introspection: config.introspection,
      internalSecret: config.INTERNAL_SECRET,
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
      plugins: [useAccessTokens({ verifier: verifierFromConfig(config) })],
    });
    return service;
  },
});
