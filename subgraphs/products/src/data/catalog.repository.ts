import { onlyUuids } from '@storegraph/graphql-kit';
import type { DirectSql } from '@storegraph/prisma';
import type {
  BrandRecord,
  CatalogReader,
  CategoryRecord,
  ImageRecord,
  NameValue,
  OptionRecord,
  ProductPageQuery,
  ProductRecord,
  VariantRecord,
} from '../domain/catalog.records.js';
import { Prisma } from '../generated/prisma/client.js';
import { type PrismaClient, sqlOf } from './prisma-client.js';

/** Sort expressions, with the index each one uses (see the migrations). */
const SORT_SQL = {
  CREATED_AT: Prisma.sql`p.created_at`,
  PRICE: Prisma.sql`p.price_min_minor`,
  TITLE: Prisma.sql`p.title`,
  RATING: Prisma.sql`COALESCE(p.rating, -1)`,
} as const;

const SORT_PARAM = {
  CREATED_AT: (v: string | number) => Prisma.sql`${String(v)}::timestamptz`,
  PRICE: (v: string | number) => Prisma.sql`${Number(v)}::int`,
  TITLE: (v: string | number) => Prisma.sql`${String(v)}::text`,
  RATING: (v: string | number) => Prisma.sql`${Number(v)}::numeric`,
} as const;

interface ProductRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  brand_id: string | null;
  category_id: string;
  currency_code: string;
  attributes: unknown;
  options: unknown;
  images: unknown;
  price_min_minor: number;
  price_max_minor: number;
  rating: Prisma.Decimal | string | number | null;
  review_count: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const asNumber = (value: Prisma.Decimal | string | number | null): number | null =>
  value === null ? null : Number(value);

function productFromRow(row: ProductRow): ProductRecord {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    brandId: row.brand_id,
    categoryId: row.category_id,
    currencyCode: row.currency_code,
    attributes: asArray<NameValue>(row.attributes),
    options: asArray<OptionRecord>(row.options),
    images: asArray<ImageRecord>(row.images),
    priceMinMinor: row.price_min_minor,
    priceMaxMinor: row.price_max_minor,
    rating: asNumber(row.rating),
    reviewCount: row.review_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

/** The columns ProductRow reads, from `products p`. */
const PRODUCT_COLUMNS = Prisma.sql`p.id, p.slug, p.title, p.description, p.brand_id, p.category_id, p.currency_code,
  p.attributes, p.options, p.images, p.price_min_minor, p.price_max_minor, p.rating,
  p.review_count, p.created_at, p.updated_at, p.deleted_at`;

/** A variant as VariantRecord names it, with its product's currency and deletion, read from `product_variants v JOIN products p`. */
const VARIANT_COLUMNS = Prisma.sql`v.id::text AS id, v.product_id::text AS "productId", v.sku, v.title,
  v.price_minor AS "priceMinor", v.compare_at_minor AS "compareAtMinor", v.selected_options AS "selectedOptions",
  v.quantity_on_hand AS "quantityOnHand", v.quantity_reserved AS "quantityReserved", v.position,
  p.currency_code AS "currencyCode", (p.deleted_at IS NOT NULL) AS "productDeleted"`;

type VariantRow = Omit<VariantRecord, 'selectedOptions'> & { selectedOptions: unknown };

const variantFromRow = (row: VariantRow): VariantRecord => ({
  ...row,
  selectedOptions: asArray<NameValue>(row.selectedOptions),
});

/**
 * The catalog's reads. Those of every product page and cart (pages, products and
 * variants by id, by slug) are raw SQL on DirectSql, without Prisma's engine; the
 * small, rarer ones (categories, brands, counts) stay on Prisma.
 */
export class PrismaCatalogReader implements CatalogReader {
  private readonly sql: DirectSql;

  constructor(private readonly prisma: PrismaClient) {
    this.sql = sqlOf(prisma);
  }

  async productPage(query: ProductPageQuery): Promise<ProductRecord[]> {
    const sortExpr = SORT_SQL[query.sort];
    const direction = query.reverse ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const conditions = [Prisma.sql`p.deleted_at IS NULL`];
    if (query.categoryIds) {
      const ids = onlyUuids(query.categoryIds);
      conditions.push(Prisma.sql`p.category_id = ANY(${ids}::uuid[])`);
    }
    if (query.after) {
      const [value, id] = query.after;
      const bound = SORT_PARAM[query.sort](value);
      conditions.push(
        query.reverse
          ? Prisma.sql`(${sortExpr}, p.id) < (${bound}, ${id}::uuid)`
          : Prisma.sql`(${sortExpr}, p.id) > (${bound}, ${id}::uuid)`,
      );
    }
    const rows = await this.sql.$queryRaw<ProductRow[]>`
      SELECT ${PRODUCT_COLUMNS}
      FROM products p
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY ${sortExpr} ${direction}, p.id ${direction}
      LIMIT ${query.limit}`;
    return rows.map(productFromRow);
  }

  countProducts(categoryIds?: string[]): Promise<number> {
    return this.prisma.product.count({
      where: { deletedAt: null, ...(categoryIds ? { categoryId: { in: onlyUuids(categoryIds) } } : {}) },
    });
  }

  async productsByIds(ids: readonly string[]): Promise<ProductRecord[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.sql.$queryRaw<ProductRow[]>`
      SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ANY(${valid}::uuid[])`;
    return rows.map(productFromRow);
  }

  async productBySlug(slug: string): Promise<ProductRecord | null> {
    const [row] = await this.sql.$queryRaw<ProductRow[]>`
      SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.slug = ${slug} AND p.deleted_at IS NULL`;
    return row ? productFromRow(row) : null;
  }

  async variantsByProductIds(productIds: readonly string[]): Promise<VariantRecord[]> {
    const valid = onlyUuids(productIds);
    if (valid.length === 0) return [];
    const rows = await this.sql.$queryRaw<VariantRow[]>`
      SELECT ${VARIANT_COLUMNS} FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE v.product_id = ANY(${valid}::uuid[])
      ORDER BY v.product_id, v.position`;
    return rows.map(variantFromRow);
  }

  async variantsByIds(ids: readonly string[]): Promise<VariantRecord[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return [];
    const rows = await this.sql.$queryRaw<VariantRow[]>`
      SELECT ${VARIANT_COLUMNS} FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE v.id = ANY(${valid}::uuid[])`;
    return rows.map(variantFromRow);
  }

  allCategories(): Promise<CategoryRecord[]> {
    return this.prisma.category.findMany({
      select: { id: true, slug: true, name: true, parentId: true, position: true },
      orderBy: [{ position: 'asc' }, { name: 'asc' }],
    });
  }

  allBrands(): Promise<BrandRecord[]> {
    return this.prisma.brand.findMany({ select: { id: true, slug: true, name: true }, orderBy: { name: 'asc' } });
  }

  async brandsByIds(ids: readonly string[]): Promise<BrandRecord[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return [];
    return this.prisma.brand.findMany({ where: { id: { in: valid } }, select: { id: true, slug: true, name: true } });
  }

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}
