import type { Viewer } from '@storegraph/graphql-kit';
import DataLoader from 'dataloader';
import type { OrderLineRecord, OrderReader } from '../domain/order.records.js';
import type { OrderHistory } from '../domain/order-history.js';

export interface OrdersContext {
  viewer: Viewer | null;
  history: OrderHistory;
  linesOfOrder: DataLoader<string, OrderLineRecord[]>;
}

export function createContext(deps: {
  viewer: Viewer | null;
  history: OrderHistory;
  reader: OrderReader;
}): OrdersContext {
  return {
    viewer: deps.viewer,
    history: deps.history,
    linesOfOrder: new DataLoader(async (ids) => {
      const lines = await deps.reader.linesOfOrders(ids);
      return ids.map((id) => lines.filter((l) => l.orderId === id));
    }),
  };
}
