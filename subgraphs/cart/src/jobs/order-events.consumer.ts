import { consumeOrderEvents, type QueueConnection } from '@storegraph/events';
import type { Logger } from '@storegraph/logger';
import type { CartCheckout } from '../domain/cart-checkout.js';

/**
 * Clears the cart of every paid order, from the cart service's queue of order events.
 * Idempotent by order id (delivery is at least once), so a redelivered event is a no-op.
 */
export function startOrderEventConsumer(deps: { checkout: CartCheckout; logger: Logger } & QueueConnection) {
  return consumeOrderEvents(
    'cart',
    async (envelope) => {
      // The queue carries only paid orders (the orders relay routes them), but any other order event is not ours to act on.
      if (envelope.event.type !== 'OrderPaidV1') return;
      const { orderId, cartId, customerId } = envelope.event;
      const result = await deps.checkout.clearForOrder({ orderId, cartId, customerId });
      deps.logger.info({ orderId, eventId: envelope.id, ...result }, 'order paid: its cart handled');
    },
    { connection: deps.connection, prefix: deps.prefix, log: deps.logger },
  );
}
