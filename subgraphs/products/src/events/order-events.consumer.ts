import { consumeOrderEvents, type OrderEventEnvelope, type QueueConnection } from '@storegraph/events';
import type { Logger } from '@storegraph/logger';
import { InventoryError, type InventoryService } from '../inventory/inventory.service.js';

/** The order events that settle a reservation; the orders relay routes only these here. */
export const SETTLING_ORDER_EVENTS = ['OrderPaidV1', 'OrderPaymentFailedV1', 'OrderCancelledV1'] as const;

/**
 * Settles an order's stock reservation from its events: a paid order commits it, a
 * failed one releases it, a cancelled one releases it or, when the order was paid
 * (cancelled before fulfilment), puts the units it bought back on the shelf.
 * Idempotent: the inventory service makes a repeated settlement a no-op (`changed:
 * false`). A settlement that can no longer happen (committing a reservation that was
 * already released) is logged and acknowledged, since retrying cannot change it.
 */
export async function settleReservation(
  inventory: InventoryService,
  envelope: OrderEventEnvelope,
  logger: Logger,
): Promise<'COMMITTED' | 'RELEASED' | 'RETURNED' | 'IGNORED' | 'UNSETTLEABLE'> {
  const { event } = envelope;
  const settle =
    event.type === 'OrderPaidV1'
      ? () => inventory.commit(event.orderId)
      : event.type === 'OrderPaymentFailedV1'
        ? () => inventory.release(event.orderId)
        : event.type === 'OrderCancelledV1'
          ? () => inventory.cancel(event.orderId)
          : undefined;
  if (!settle) return 'IGNORED';
  try {
    const result = await settle();
    logger.info({ orderId: event.orderId, eventId: envelope.id, changed: result.changed }, 'reservation settled');
    return result.status;
  } catch (error) {
    if (error instanceof InventoryError && error.code !== 'INVALID_INPUT') {
      logger.error(
        { orderId: event.orderId, eventId: envelope.id, event: event.type, code: error.code },
        'order event cannot settle its reservation',
      );
      return 'UNSETTLEABLE';
    }
    throw error;
  }
}

export function startOrderEventConsumer(deps: { inventory: InventoryService; logger: Logger } & QueueConnection) {
  return consumeOrderEvents(
    'products',
    async (envelope) => void (await settleReservation(deps.inventory, envelope, deps.logger)),
    { connection: deps.connection, prefix: deps.prefix, log: deps.logger },
  );
}
