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
export { catalogEventQueues, consumeCatalogEvents, EVENT_JOB_OPTIONS, type QueueConnection } from './queues.js';
