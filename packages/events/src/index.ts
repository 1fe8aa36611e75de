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
