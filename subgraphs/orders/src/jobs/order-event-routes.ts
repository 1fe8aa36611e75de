import type { OrderEventType } from '@storegraph/events';

/** Which service consumes which order events, each on its own queue (order-events.<consumer>). */
export const ORDER_EVENT_ROUTES: ReadonlyArray<{ consumer: string; types: readonly OrderEventType[] }> = [
  // Products settles reservations: commit when paid, release when failed or cancelled.
  { consumer: 'products', types: ['OrderPaidV1', 'OrderPaymentFailedV1', 'OrderCancelledV1'] },
  // The cart service clears the cart of a paid order.
  { consumer: 'cart', types: ['OrderPaidV1'] },
];
