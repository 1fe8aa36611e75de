import type { Viewer } from '@storegraph/graphql-kit';
import DataLoader from 'dataloader';
import type { PaymentRecord, PrismaOrderStore } from '../data/order.store.js';
import type { OrderLineRecord, OrderReader } from '../domain/order.records.js';
import type { OrderAccess } from '../domain/order-access.js';
import type { OrderHistory } from '../domain/order-history.js';
import type { CustomerDirectory } from '../domain/ports.js';
import type { CheckoutWorkflow } from '../workflows/checkout.workflow.js';
import type { CheckoutQuotes } from '../workflows/checkout-quote.js';
import type { OrderLifecycle } from '../workflows/order-lifecycle.js';

export interface OrdersServices {
  history: OrderHistory;
  reader: OrderReader;
  store: PrismaOrderStore;
  orders: OrderAccess;
  checkout: CheckoutWorkflow;
  quotes: CheckoutQuotes;
  lifecycle: OrderLifecycle;
  customers: CustomerDirectory;
}

export interface OrdersContext extends OrdersServices {
  viewer: Viewer | null;
  /** The forwarded Authorization header, to read the customer's account as them. */
  authorization: string | undefined;
  linesOfOrder: DataLoader<string, OrderLineRecord[]>;
  paymentOfOrder: DataLoader<string, PaymentRecord | null>;
}

export function createContext(
  services: OrdersServices,
  request: { viewer: Viewer | null; authorization: string | undefined },
): OrdersContext {
  return {
    ...services,
    ...request,
    linesOfOrder: new DataLoader(async (ids) => {
      const lines = await services.reader.linesOfOrders(ids);
      return ids.map((id) => lines.filter((l) => l.orderId === id));
    }),
    paymentOfOrder: new DataLoader(async (ids) => {
      const payments = await services.store.paymentsOfOrders(ids);
      return ids.map((id) => payments.find((p) => p.orderId === id) ?? null);
    }),
  };
}
