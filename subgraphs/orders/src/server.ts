import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, mountGraphQL, type ServiceMetrics } from '@storegraph/service';
import { PrismaOrderReader } from './data/order.repository.js';
import type { PrismaClient } from './data/prisma-client.js';
import { OrderHistory } from './domain/order-history.js';
import { createContext, type OrdersContext } from './graphql/context.js';
import { buildOrdersSchema } from './schema.js';

export interface OrdersServerDeps {
  logger: Logger;
  prisma: PrismaClient;
  authenticate?: Authenticate;
  /** The process's metrics (main.ts adds store timings); a registry of its own when absent. */
  metrics?: ServiceMetrics;
}

/** Builds the orders subgraph without listening, so tests build it too. */
export async function createOrdersServer(deps: OrdersServerDeps) {
  const reader = new PrismaOrderReader(deps.prisma);
  const history = new OrderHistory(reader);
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const service = createHttpService({
    name: 'orders',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: { postgres: () => reader.ping() },
    onShutdown: [() => deps.prisma.$disconnect()],
  });
  await mountGraphQL<OrdersContext>(service, deps.logger, {
    apollo: { schema: await buildOrdersSchema(), introspection: true },
    context: async (req) => createContext({ viewer: await authenticate(req.headers), history, reader }),
  });
  return service;
}
