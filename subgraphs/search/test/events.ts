import { randomUUID } from 'node:crypto';
import type { CatalogEventEnvelope, ProductDocument } from '@storegraph/events';

/** A catalog product document as the products service publishes it; override what a test needs. */
export function doc(overrides: Partial<ProductDocument> = {}): ProductDocument {
  const id = overrides.productId ?? randomUUID();
  return {
    productId: id,
    version: 1,
    slug: `doc-${id.slice(0, 8)}`,
    title: 'Wireless Headphones',
    description: 'Closed-back, long battery.',
    brand: { id: randomUUID(), slug: 'acoustica', name: 'Acoustica' },
    categoryPath: [
      { id: randomUUID(), slug: 'electronics', name: 'Electronics' },
      { id: randomUUID(), slug: 'audio', name: 'Audio' },
    ],
    currencyCode: 'USD',
    attributes: [{ name: 'Connectivity', value: 'Bluetooth' }],
    options: [{ name: 'Color', values: ['Black', 'White'] }],
    priceMinMinor: 9900,
    priceMaxMinor: 10900,
    rating: 4.5,
    reviewCount: 12,
    variants: [
      {
        id: randomUUID(),
        sku: 'H-B',
        title: 'Black',
        priceMinor: 9900,
        compareAtMinor: null,
        quantityAvailable: 0,
        selectedOptions: [{ name: 'Color', value: 'Black' }],
      },
      {
        id: randomUUID(),
        sku: 'H-W',
        title: 'White',
        priceMinor: 10900,
        compareAtMinor: null,
        quantityAvailable: 2,
        selectedOptions: [{ name: 'Color', value: 'White' }],
      },
    ],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

export const upsert = (product: ProductDocument, id = randomUUID()): CatalogEventEnvelope => ({
  id,
  occurredAt: new Date().toISOString(),
  aggregateId: product.productId,
  event: { type: 'ProductUpsertedV1', change: 'updated', product },
});
export const remove = (productId: string, version: number): CatalogEventEnvelope => ({
  id: randomUUID(),
  occurredAt: new Date().toISOString(),
  aggregateId: productId,
  event: { type: 'ProductDeletedV1', productId, version },
});
