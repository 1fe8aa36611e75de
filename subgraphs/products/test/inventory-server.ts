import type { Logger } from '@storegraph/logger';
import { createHttpService } from '@storegraph/service';
import type { PrismaClient } from '../src/data/prisma-client.js';
import { inventoryRouter } from '../src/inventory/inventory.routes.js';
import type { InventoryService } from '../src/inventory/inventory.service.js';
import { resetCatalog } from './catalog-fixture.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

/**
 * A known catalog for the inventory tests (reservations and outbox emptied):
 * OX-S 10 and OX-M 3 on hand (one product), TR-1 5 (another), RH-1 1 (deleted product).
 * Returns variant and product ids by SKU.
 */
export async function resetInventory(
  prisma: PrismaClient,
  extra: Array<{ sku: string; quantityOnHand: number }> = [],
): Promise<{ variant: (sku: string) => string; product: (sku: string) => string }> {
  await resetCatalog(prisma, [
    {
      slug: 'oxford-shirt',
      title: 'Oxford Shirt',
      categorySlug: 'shirts',
      createdAt: day(1),
      variants: [
        { sku: 'OX-S', priceMinor: 4999, quantityOnHand: 10, options: { Size: 'S' } },
        { sku: 'OX-M', priceMinor: 5499, quantityOnHand: 3, options: { Size: 'M' } },
      ],
    },
    {
      slug: 'trail-runner',
      title: 'Trail Runner',
      categorySlug: 'footwear',
      createdAt: day(2),
      variants: [{ sku: 'TR-1', priceMinor: 12000, quantityOnHand: 5 }],
    },
    {
      slug: 'retired-hat',
      title: 'Retired Hat',
      categorySlug: 'apparel',
      createdAt: day(3),
      deleted: true,
      variants: [{ sku: 'RH-1', priceMinor: 999, quantityOnHand: 1 }],
    },
    ...extra.map((v, i) => ({
      slug: `extra-${v.sku.toLowerCase()}`,
      title: `Extra ${v.sku}`,
      categorySlug: 'tops',
      createdAt: day(10 + i),
      variants: [{ sku: v.sku, priceMinor: 1000 + i, quantityOnHand: v.quantityOnHand }],
    })),
  ]);
  await prisma.$executeRawUnsafe('TRUNCATE stock_reservations, outbox_events');
  const variants = await prisma.productVariant.findMany({ select: { id: true, sku: true, productId: true } });
  const bySku = new Map(variants.map((v) => [v.sku, v]));
  const get = (sku: string) => {
    const v = bySku.get(sku);
    if (!v) throw new Error(`no variant ${sku}`);
    return v;
  };
  return { variant: (sku) => get(sku).id, product: (sku) => get(sku).productId };
}

/** On hand, reserved and available units of a variant. */
export async function stockOf(prisma: PrismaClient, variantId: string) {
  const v = await prisma.productVariant.findUniqueOrThrow({
    where: { id: variantId },
    select: { quantityOnHand: true, quantityReserved: true },
  });
  return { onHand: v.quantityOnHand, reserved: v.quantityReserved, available: v.quantityOnHand - v.quantityReserved };
}

/** Outbox events as { type, aggregateId, change }. */
export async function outboxEvents(prisma: PrismaClient) {
  const rows = await prisma.outboxEvent.findMany({ orderBy: { occurredAt: 'asc' } });
  return rows.map((row) => ({
    type: row.type,
    aggregateId: row.aggregateId,
    change: (row.payload as { change?: string }).change,
    payload: row.payload as {
      product?: { variants: Array<{ id: string; quantityAvailable: number }> };
    },
  }));
}

/** An HTTP service with only the inventory router mounted, listening on a free port. */
export async function startInventoryServer(deps: {
  service: InventoryService;
  internalSecret: string;
  logger: Logger;
}) {
  const http = createHttpService({ name: 'products-inventory-test', logger: deps.logger });
  http.app.use(inventoryRouter(deps));
  const { url } = await http.listen(0, '127.0.0.1');
  return { url, stop: () => http.stop() };
}
