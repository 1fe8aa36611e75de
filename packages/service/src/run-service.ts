import type { Logger } from '@storegraph/logger';
import type { Registry } from 'prom-client';
import type { HttpService } from './http-service.js';
import { startMetricsServer } from './metrics.js';
import { startTracing } from './tracing.js';

/**
 * The tail of every entry point: listen, say where, and stop cleanly on SIGTERM.
 * A failure to start is logged without a stack to the console and exits non-zero.
 */
export async function runService(options: {
  name: string;
  logger: Logger;
  port: number;
  host: string;
  create: () => Promise<HttpService>;
  /** The admin port serving `/metrics`; 0 or omitted serves none. */
  metricsPort?: number;
  /** The service name traces carry (`service.name`); the first word of `name` by default. */
  tracingName?: string;
  /** Registries served beside the service's own (names must not clash). */
  extraRegistries?: () => Registry[];
}): Promise<void> {
  try {
    const tracing = startTracing(options.tracingName ?? options.name.split(' ')[0] ?? options.name);
    if (tracing.exporting) options.logger.info('exporting traces (OTLP)');
    const service = await options.create();
    const { url } = await service.listen(options.port, options.host);
    if (options.metricsPort) {
      const admin = await startMetricsServer(
        [service.metrics.registry, ...(options.extraRegistries?.() ?? [])],
        options.metricsPort,
        options.host,
      );
      options.logger.info({ url: admin.url }, `${options.name} metrics`);
    }
    options.logger.info({ url: `${url}/graphql` }, `${options.name} ready`);
    service.stopOnSignals();
  } catch (error) {
    options.logger.fatal({ err: error }, `${options.name} failed to start`);
    process.exit(1);
  }
}
