import { z } from 'zod';
import { eventEnvelope } from './envelope.js';

/**
 * Catalog events, versioned: a type name carries its version (ProductUpsertedV1), and
 * a change of meaning is a new type, never an edit of an old one. Producers and
 * consumers type-check against these schemas; consumers also validate at run time.
 */

const uuid = z.string().uuid();
const money = z.number().int().nonnegative();

export const ProductVariantDocument = z.object({
  id: uuid,
  sku: z.string(),
  title: z.string(),
  priceMinor: money,
  compareAtMinor: money.nullable(),
  quantityAvailable: z.number().int().nonnegative(),
  selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })),
});

/** A product as search (and any other read model) needs it: everything denormalised. */
export const ProductDocument = z.object({
  productId: uuid,
  /** The product's version; consumers ignore anything older than what they hold. */
  version: z.number().int().positive(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  brand: z.object({ id: uuid, slug: z.string(), name: z.string() }).nullable(),
  /** Root first: [Apparel, Men, Shirts]. */
  categoryPath: z.array(z.object({ id: uuid, slug: z.string(), name: z.string() })),
  currencyCode: z.string().length(3),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  priceMinMinor: money,
  priceMaxMinor: money,
  rating: z.number().min(0).max(5).nullable(),
  reviewCount: z.number().int().nonnegative(),
  variants: z.array(ProductVariantDocument),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductDocument = z.infer<typeof ProductDocument>;

export const ProductUpsertedV1 = z.object({
  type: z.literal('ProductUpsertedV1'),
  /** Created, updated, re-priced or restocked: the whole document as it now is. */
  change: z.enum(['created', 'updated', 'price_changed', 'stock_changed']),
  product: ProductDocument,
});

export const ProductDeletedV1 = z.object({
  type: z.literal('ProductDeletedV1'),
  productId: uuid,
  version: z.number().int().positive(),
});

export const CatalogEvent = z.discriminatedUnion('type', [ProductUpsertedV1, ProductDeletedV1]);
export type CatalogEvent = z.infer<typeof CatalogEvent>;
export type CatalogEventType = CatalogEvent['type'];

/** What travels on the queue: the event with its identity. Consumers dedupe by `id`. */
export const CatalogEventEnvelope = eventEnvelope(CatalogEvent);
export type CatalogEventEnvelope = z.infer<typeof CatalogEventEnvelope>;

/** Queue names: one per consuming service, so each consumes every event at its own pace. */
export const catalogEventQueue = (consumer: string) => `catalog-events.${consumer}`;
export const deadLetterQueue = (queue: string) => `${queue}.dead`;
