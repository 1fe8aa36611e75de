import { badUserInput, decodeCursor, encodeCursor, pageSize } from '@storegraph/graphql-kit';
import type { OrderReader, OrderRecord } from './order.records.js';

export interface OrderPage {
  edges: Array<{ cursor: string; node: OrderRecord }>;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  countTotal: () => Promise<number>;
}

/** A customer's orders, newest first, in keyset pages. */
export class OrderHistory {
  constructor(private readonly reader: OrderReader) {}

  async page(
    customerId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<OrderPage> {
    const size = pageSize(first, 20);
    let cursor: [string, string] | null = null;
    if (after) {
      const [at, id] = decodeCursor(after, 2);
      if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
        throw badUserInput('after is not a cursor of this listing.', ['after']);
      }
      cursor = [at, id];
    }
    const rows = await this.reader.customerOrders(customerId, size + 1, cursor);
    const page = rows.slice(0, size);
    let total: Promise<number> | undefined;
    return {
      edges: page.map((node) => ({ cursor: encodeCursor([node.createdAt.toISOString(), node.id]), node })),
      hasNextPage: rows.length > size,
      hasPreviousPage: cursor !== null,
      countTotal: () => {
        total ??= this.reader.countCustomerOrders(customerId);
        return total;
      },
    };
  }
}
