import {
  badUserInput,
  decodeCursor,
  encodeCursor,
  type KeysetPage,
  keysetPage,
  pageSize,
} from '@storegraph/graphql-kit';
import type { OrderReader, OrderRecord } from './order.records.js';

export type OrderPage = KeysetPage<OrderRecord>;

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
    return keysetPage(rows, size, {
      cursorOf: (order) => encodeCursor([order.createdAt.toISOString(), order.id]),
      afterGiven: cursor !== null,
      count: () => this.reader.countCustomerOrders(customerId),
    });
  }
}
