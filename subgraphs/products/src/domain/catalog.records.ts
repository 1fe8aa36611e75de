/** What the catalog stores, as the rest of the subgraph sees it. Money in minor units. */

export interface ImageRecord {
  path: string;
  altText: string | null;
  width: number | null;
  height: number | null;
}

export interface NameValue {
  name: string;
  value: string;
}

export interface OptionRecord {
  name: string;
  values: string[];
}

export interface ProductRecord {
  id: string;
  slug: string;
  title: string;
  description: string;
  brandId: string | null;
  categoryId: string;
  currencyCode: string;
  attributes: NameValue[];
  options: OptionRecord[];
  images: ImageRecord[];
  priceMinMinor: number;
  priceMaxMinor: number;
  rating: number | null;
  reviewCount: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface VariantRecord {
  id: string;
  productId: string;
  sku: string;
  title: string;
  priceMinor: number;
  compareAtMinor: number | null;
  selectedOptions: NameValue[];
  quantityOnHand: number;
  /** Held by active reservations. */
  quantityReserved: number;
  currencyCode: string;
  position: number;
  /** The product was soft-deleted: nothing of it is for sale. */
  productDeleted: boolean;
}

/** Stock on hand minus active reservations, never negative; nothing for a deleted product. */
export function quantityAvailable(variant: VariantRecord): number {
  return variant.productDeleted ? 0 : Math.max(0, variant.quantityOnHand - variant.quantityReserved);
}

export interface CategoryRecord {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  position: number;
}

export interface BrandRecord {
  id: string;
  slug: string;
  name: string;
}

export type ProductSort = 'CREATED_AT' | 'PRICE' | 'TITLE' | 'RATING';

export type CursorValues = [string | number, string];

export interface ProductPageQuery {
  sort: ProductSort;
  reverse: boolean;
  /** Rows to fetch; callers ask for one more than the page to learn hasNextPage. */
  limit: number;
  after: CursorValues | null;
  /** Restrict to these categories (a category and its descendants). */
  categoryIds?: string[];
}

/** Read side of the catalog; implemented in data/ over Postgres. */
export interface CatalogReader {
  productPage(query: ProductPageQuery): Promise<ProductRecord[]>;
  countProducts(categoryIds?: string[]): Promise<number>;
  productsByIds(ids: readonly string[]): Promise<ProductRecord[]>;
  productBySlug(slug: string): Promise<ProductRecord | null>;
  variantsByProductIds(productIds: readonly string[]): Promise<VariantRecord[]>;
  variantsByIds(ids: readonly string[]): Promise<VariantRecord[]>;
  allCategories(): Promise<CategoryRecord[]>;
  allBrands(): Promise<BrandRecord[]>;
  brandsByIds(ids: readonly string[]): Promise<BrandRecord[]>;
  ping(): Promise<void>;
}

/** The value a row is ordered by under `sort`, as it goes into a cursor. */
export function sortValue(product: ProductRecord, sort: ProductSort): string | number {
  switch (sort) {
    case 'CREATED_AT':
      return product.createdAt.toISOString();
    case 'PRICE':
      return product.priceMinMinor;
    case 'TITLE':
      return product.title;
    case 'RATING':
      return product.rating ?? -1;
  }
}
