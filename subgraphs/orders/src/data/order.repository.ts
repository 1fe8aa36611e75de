import { isUuid, onlyUuids } from '@storegraph/graphql-kit';
import type {
  AddressSnapshot,
  OrderCursor,
  OrderLineRecord,
  OrderReader,
  OrderRecord,
} from '../domain/order.records.js';
import type { PrismaClient } from './prisma-client.js';

export class PrismaOrderReader implements OrderReader {
  constructor(private readonly prisma: PrismaClient) {}

  async customerOrders(customerId: string, limit: number, after: OrderCursor | null): Promise<OrderRecord[]> {
    if (!isUuid(customerId)) return [];
    const [afterAt, afterId] = after ?? [];
    const rows = await this.prisma.order.findMany({
      where: {
        customerId,
        ...(after
          ? {
              OR: [
                { createdAt: { lt: new Date(afterAt as string) } },
                { createdAt: new Date(afterAt as string), id: { lt: afterId as string } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map((row) => ({ ...row, shippingAddress: row.shippingAddress as unknown as AddressSnapshot }));
  }

  countCustomerOrders(customerId: string): Promise<number> {
    if (!isUuid(customerId)) return Promise.resolve(0);
    return this.prisma.order.count({ where: { customerId } });
  }

  async linesOfOrders(orderIds: readonly string[]): Promise<OrderLineRecord[]> {
    const valid = onlyUuids(orderIds);
    if (valid.length === 0) return [];
    const rows = await this.prisma.orderLine.findMany({
      where: { orderId: { in: valid } },
      orderBy: [{ orderId: 'asc' }, { position: 'asc' }],
      include: { order: { select: { currencyCode: true } } },
    });
    return rows.map(({ order, position: _position, ...line }) => ({ ...line, currencyCode: order.currencyCode }));
  }

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}
