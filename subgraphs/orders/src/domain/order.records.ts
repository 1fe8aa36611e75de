import type { AddressDraft } from '@storegraph/graphql-kit';

export type OrderStatus = 'PENDING_PAYMENT' | 'PAID' | 'FULFILLED' | 'CANCELLED' | 'PAYMENT_FAILED' | 'REFUNDED';

/** The shipping address as the order keeps it: the checked address (graphql-kit's checkAddress). */
export type AddressSnapshot = AddressDraft;

export interface OrderRecord {
  id: string;
  seq: bigint;
  customerId: string | null;
  email: string;
  status: OrderStatus;
  currencyCode: string;
  subtotalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  shippingAddress: AddressSnapshot;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderLineRecord {
  id: string;
  orderId: string;
  variantId: string;
  title: string;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
  currencyCode: string;
}

/** Newest first: (createdAt, id) of the last order seen. */
export type OrderCursor = [string, string];

export interface OrderReader {
  customerOrders(customerId: string, limit: number, after: OrderCursor | null): Promise<OrderRecord[]>;
  countCustomerOrders(customerId: string): Promise<number>;
  linesOfOrders(orderIds: readonly string[]): Promise<OrderLineRecord[]>;
  ping(): Promise<void>;
}

/** SG-000123: the number people read out on the phone. */
export function orderNumber(seq: bigint): string {
  return `SG-${seq.toString().padStart(6, '0')}`;
}
