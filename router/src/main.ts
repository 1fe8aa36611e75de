import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { verifierFromConfig } from '@storegraph/auth';
import { createLogger } from '@storegraph/logger';
import { createFailFastRedis, runService } from '@storegraph/service';
import { loadRouterConfig, subgraphCallOptions, subgraphUrls } from './config.js';
import { routerEdge } from './edge/router-edge.js';
import { createRouterMetrics } from './metrics.js';
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
    const metrics = createRouterMetrics();
    const redis = createFailFastRedis(config.REDIS_URL);
    // The rate limiter logs an outage once, when it starts; reconnect attempts are only debug noise.
    redis.on('error', (error) => logger.debug({ err: error }, 'rate-limit redis connection error'));
    await redis.connect().catch((error) => logger.error({ err: error }, 'rate-limit redis is not reachable yet'));
    const metricsServer =
      config.METRICS_PORT === 0
        ? undefined
        : createServer(async (req, res) => {
            if (req.url !== '/metrics') {
              res.writeHead(404).end();
              return;
            }
            res.writeHead(200, { 'content-type': metrics.registry.contentType });
            res.end(await metrics.registry.metrics());
          }).listen(config.METRICS_PORT, config.HOST);
    const { service } = await createRouter({
      logger,
      supergraphSdl,
      subgraphUrls: subgraphUrls(config),
      ...subgraphCallOptions(config),
      metrics,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      introspection: config.introspection,
      playground: config.playground,
      internalSecret: config.INTERNAL_SECRET,
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
      plugins: routerEdge({ config, supergraphSdl, logger, verifier: verifierFromConfig(config), redis, metrics }),
      onShutdown: [
        async () => redis.quit(),
        async () => new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined))),
      ],
    });
    return service;
  },
});
