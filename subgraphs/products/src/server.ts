import type { QueueConnection } from '@storegraph/events';
import { type Authenticate, everyoneIsGuest } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import { createHttpService, mountGraphQL, type ServiceMetrics } from '@storegraph/service';
import { createCatalogAdmin } from './admin/index.js';
import { PrismaCatalogReader } from './data/catalog.repository.js';
import type { PrismaClient } from './data/prisma-client.js';
import { CatalogService } from './domain/catalog.service.js';
import { exportRouter } from './events/export.routes.js';
import { startOrderEventConsumer } from './events/order-events.consumer.js';
import { createContext, type ProductsContext } from './graphql/context.js';
import { inventoryRouter } from './inventory/inventory.routes.js';
import { InventoryService } from './inventory/inventory.service.js';
import { productImageSvg } from './media/product-image.js';
import { buildProductsSchema } from './schema.js';

export interface ProductsServerDeps {
  logger: Logger;
  prisma: PrismaClient;
  mediaBaseUrl: string;
  /** Who asks; every request must pass it (see @storegraph/auth). */
  authenticate?: Authenticate;
  /** Enables the internal endpoints (catalog export), which need the signed proof. */
  internalSecret?: string;
  /** How often expired stock reservations are released; off when absent. */
  reservationSweepMs?: number;
  /** Consumes order events (commit or release reservations) from this queue Redis; a worker client. */
  orderEvents?: QueueConnection;
  /** Background work stopped after the HTTP server drained (outbox relay, jobs). */
  background?: Array<{ stop(): Promise<void> }>;
  /** The process's metrics (main.ts adds the outbox's); a registry of its own when absent. */
  metrics?: ServiceMetrics;
}

/** Builds the products subgraph without listening, so tests build it too. */
export async function createProductsServer(deps: ProductsServerDeps) {
  const reader = new PrismaCatalogReader(deps.prisma);
  const catalog = new CatalogService(reader);
  const authenticate = deps.authenticate ?? everyoneIsGuest;
  const admin = createCatalogAdmin(deps.prisma);
  const inventory = new InventoryService(deps.prisma);
  const sweep = deps.reservationSweepMs
    ? inventory.startExpiryJob({ intervalMs: deps.reservationSweepMs, logger: deps.logger })
    : undefined;
  const orderEvents = deps.orderEvents
    ? startOrderEventConsumer({ inventory, logger: deps.logger, ...deps.orderEvents })
    : undefined;
  const service = createHttpService({
    name: 'products',
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: { postgres: () => reader.ping() },
    onShutdown: [
      ...[...(sweep ? [sweep] : []), ...(orderEvents ? [orderEvents] : []), ...(deps.background ?? [])].map(
        (job) => () => job.stop(),
      ),
      () => deps.prisma.$disconnect(),
    ],
  });
  if (deps.internalSecret) {
    service.app.use(exportRouter({ prisma: deps.prisma, internalSecret: deps.internalSecret }));
    service.app.use(inventoryRouter({ service: inventory, internalSecret: deps.internalSecret, logger: deps.logger }));
  }

  service.app.get('/media/products/:slug/:file', (req, res) => {
    const match = /^(\d)\.svg$/.exec(req.params.file);
    const svg = match ? productImageSvg(req.params.slug, Number(match[1])) : null;
    if (!svg) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.setHeader('content-type', 'image/svg+xml');
    res.setHeader('cache-control', 'public, max-age=86400, immutable');
    res.send(svg);
  });

  const apollo = await mountGraphQL<ProductsContext>(service, deps.logger, {
    apollo: { schema: await buildProductsSchema(), introspection: true },
    context: async (req) =>
      createContext(
        { reader, catalog, logger: deps.logger, mediaBaseUrl: deps.mediaBaseUrl, admin },
        req.requestId,
        await authenticate(req.headers),
      ),
  });
  service.app.locals.apollo = apollo;
  return service;
}
