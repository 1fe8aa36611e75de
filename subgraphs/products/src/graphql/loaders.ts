import DataLoader from 'dataloader';
import type {
  BrandRecord,
  CatalogReader,
  CategoryRecord,
  ProductRecord,
  VariantRecord,
} from '../domain/catalog.records.js';

function byKey<T, K>(rows: T[], key: (row: T) => K, keys: readonly K[]): Array<T | null> {
  const map = new Map(rows.map((row) => [key(row), row]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<T, K>(rows: T[], key: (row: T) => K, keys: readonly K[]): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const list = map.get(key(row)) ?? [];
    list.push(row);
    map.set(key(row), list);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Per-request batching: one query per kind of thing per tick, whatever the page size. */
export function createLoaders(reader: CatalogReader) {
  let categories: Promise<CategoryRecord[]> | undefined;
  const allCategories = () => {
    categories ??= reader.allCategories();
    return categories;
  };
  return {
    product: new DataLoader<string, ProductRecord | null>(async (ids) =>
      byKey(await reader.productsByIds(ids), (p) => p.id, ids),
    ),
    variant: new DataLoader<string, VariantRecord | null>(async (ids) =>
      byKey(await reader.variantsByIds(ids), (v) => v.id, ids),
    ),
    variantsOfProduct: new DataLoader<string, VariantRecord[]>(async (ids) =>
      groupBy(await reader.variantsByProductIds(ids), (v) => v.productId, ids),
    ),
    brand: new DataLoader<string, BrandRecord | null>(async (ids) =>
      byKey(await reader.brandsByIds(ids), (b) => b.id, ids),
    ),
    category: new DataLoader<string, CategoryRecord | null>(async (ids) =>
      byKey(await allCategories(), (c) => c.id, ids),
    ),
    allCategories,
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;
