import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, createServiceMetrics, mountGraphQL, type ServiceMetrics } from '@storegraph/service';
import type express from 'express';
import type { PrismaClient } from './data/prisma-client.js';
import type { CustomerDirectory } from './domain/ports.js';
import { createContext, type OrdersContext } from './graphql/context.js';
import { startOrderMaintenance } from './jobs/order-maintenance.js';
import { orderTransitionCounters } from './order-metrics.js';
import { buildOrdersDomain, type OrdersDomain, type OrdersDomainDeps } from './orders-domain.js';
import { buildOrdersSchema } from './schema.js';

export interface OrdersServerDeps extends OrdersDomainDeps {
  logger: Logger;
  prisma: PrismaClient;
  authenticate?: Authenticate;
  customers: CustomerDirectory;
  /** Provider webhook endpoints, mounted before GraphQL (they need the raw body). */
  webhooks?: (domain: OrdersDomain) => express.Router[];
  /** Recovery, expiry and reconciliation pass; off when absent (tests drive it). */
  maintenanceIntervalMs?: number;
  /** Background work stopped after the HTTP server drained (outbox relay, queues). */
  background?: Array<{ stop(): Promise<void> }>;
  /** The process's metrics (main.ts adds store timings); a registry of its own when absent. */
  metrics?: ServiceMetrics;
}

/** Builds the orders subgraph without listening, so tests build it too. */
export async function createOrdersServer(deps: OrdersServerDeps) {
  const metrics = deps.metrics ?? createServiceMetrics('orders');
  const domain = buildOrdersDomain({ ...deps, onTransition: deps.onTransition ?? orderTransitionCounters(metrics) });
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const maintenance = deps.maintenanceIntervalMs
    ? startOrderMaintenance({ ...domain, logger: deps.logger, intervalMs: deps.maintenanceIntervalMs })
    : undefined;
  const service = createHttpService({
    name: 'orders',
    logger: deps.logger,
    metrics,
    readiness: { postgres: () => domain.reader.ping() },
    onShutdown: [
      ...[...(maintenance ? [maintenance] : []), ...(deps.background ?? [])].map((job) => () => job.stop()),
      async () => {
        for (const provider of deps.providers) (provider as { stop?: () => void }).stop?.();
      },
      () => deps.prisma.$disconnect(),
    ],
  });
  for (const router of deps.webhooks?.(domain) ?? []) service.app.use(router);
  const services = { ...domain, customers: deps.customers };
  await mountGraphQL<OrdersContext>(service, deps.logger, {
    apollo: { schema: await buildOrdersSchema(), introspection: true },
    context: async (req) =>
      createContext(services, {
        viewer: await authenticate(req.headers),
        authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
      }),
  });
  return Object.assign(service, { domain });
}
export type { OrdersDomain } from './orders-domain.js';
