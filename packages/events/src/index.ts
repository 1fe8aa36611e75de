export {
  CatalogChange,
  type CatalogChangeSubscription,
  catalogChangeNotifier,
  DEFAULT_CATALOG_CHANGES_CHANNEL,
  idsOfCatalogEvent,
  notifyCatalogChanges,
  publishCatalogChange,
  subscribeCatalogChanges,
} from './catalog-changes.js';
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
export {
  OrderCancelledV1,
  OrderEvent,
  OrderEventEnvelope,
  type OrderEventType,
  OrderPaidV1,
  OrderPaymentFailedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  orderEventQueue,
} from './order-events.js';
export { type OutboxDatabase, OutboxRelay, type OutboxRelayOptions, type OutboxRoute } from './outbox-relay.js';
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
export {
  captureTraceContext,
  sanitizeCarrier,
  startPublishSpan,
  type TraceCarrier,
  withConsumeSpan,
} from './trace-context.js';
