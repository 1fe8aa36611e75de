export {
  CatalogEvent,
  CatalogEventEnvelope,
  type CatalogEventType,
  catalogEventQueue,
  deadLetterQueue,
  ProductDeletedV1,
  ProductDocument,
  ProductUpsertedV1,
  ProductVariantDocument,
} from './catalog-events.js';
export { OrderEvent, OrderEventEnvelope, OrderPaidV1, orderEventQueue } from './order-events.js';
export {
  type ConsumeOptions,
  catalogEventQueues,
  consumeCatalogEvents,
  consumeEvents,
  consumeOrderEvents,
  EVENT_JOB_OPTIONS,
  type EventConsumer,
  orderEventQueues,
  type QueueConnection,
} from './queues.js';
