import { mayAccess, type Viewer } from '@storegraph/graphql-kit';
import type { OrderRecord } from './order.records.js';
import { OrderTokens } from './order-token.js';

export interface OrderLookup {
  order(id: string): Promise<(OrderRecord & { guestTokenHash: string | null }) | null>;
}

/**
 * Who may see an order: its customer, an ADMIN, or whoever holds the guest order token
 * from checkout. Anyone else sees nothing, exactly as for an id that does not exist.
 */
export class OrderAccess {
  constructor(private readonly lookup: OrderLookup) {}

  byId(id: string): Promise<OrderRecord | null> {
    return this.lookup.order(id);
  }

  async readable(
    id: string,
    viewer: Viewer | null,
    orderToken: string | null | undefined,
  ): Promise<OrderRecord | null> {
    const order = await this.lookup.order(id);
    if (!order) return null;
    if (order.customerId && mayAccess(viewer, order.customerId)) return order;
    if (viewer?.role === 'ADMIN') return order;
    return OrderTokens.matches(orderToken, order.guestTokenHash) ? order : null;
  }
}
