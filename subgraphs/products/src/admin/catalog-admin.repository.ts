import { isUuid } from '@storegraph/graphql-kit';
import { recordProductDeleted, recordProductsChanged } from '../data/catalog-documents.js';
import type { PrismaClient } from '../data/prisma-client.js';
import { Prisma } from '../generated/prisma/client.js';
import type {
  CatalogAdminStore,
  CreateResult,
  InventoryResult,
  NewProduct,
  PriceResult,
  ProductChanges,
} from './catalog-admin.service.js';

type Tx = Prisma.TransactionClient;

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** A unique index refused the write (Prisma's P2002, Postgres' 23505). */
function uniqueViolation(error: unknown): { fields: string } | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return null;
  // The target names the columns or the index, depending on the driver; both mention them.
  return { fields: JSON.stringify(error.meta ?? {}) };
}

/**
 * Locks a product row for the rest of the transaction. Every admin write takes
 * this lock before touching variants, so writes to one product apply one after
 * another (price range, version and events stay in step) and never deadlock.
 */
async function lockProduct(tx: Tx, id: string): Promise<{ deleted: boolean } | null> {
  const rows = await tx.$queryRaw<Array<{ deleted_at: Date | null }>>`
    SELECT deleted_at FROM products WHERE id = ${id}::uuid FOR UPDATE`;
  const row = rows[0];
  return row ? { deleted: row.deleted_at !== null } : null;
}

export class PrismaCatalogAdminStore implements CatalogAdminStore {
  constructor(private readonly prisma: PrismaClient) {}

  async categoryIdBySlug(slug: string): Promise<string | null> {
    return (await this.prisma.category.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
  }

  async brandIdBySlug(slug: string): Promise<string | null> {
    return (await this.prisma.brand.findUnique({ where: { slug }, select: { id: true } }))?.id ?? null;
  }

  async slugTaken(slug: string): Promise<boolean> {
    return (await this.prisma.product.count({ where: { slug } })) > 0;
  }

  async takenSkus(skus: string[]): Promise<string[]> {
    if (skus.length === 0) return [];
    const rows = await this.prisma.productVariant.findMany({ where: { sku: { in: skus } }, select: { sku: true } });
    return rows.map((r) => r.sku);
  }

  async createProduct(p: NewProduct): Promise<CreateResult> {
    try {
      const id = await this.prisma.$transaction(async (tx) => {
        const { id } = await tx.product.create({
          data: {
            slug: p.slug,
            title: p.title,
            description: p.description,
            brandId: p.brandId,
            categoryId: p.categoryId,
            currencyCode: p.currencyCode,
            images: json(p.images),
            attributes: json(p.attributes),
            options: json(p.options),
            priceMinMinor: p.priceMinMinor,
            priceMaxMinor: p.priceMaxMinor,
            variants: {
              create: p.variants.map((v) => ({
                sku: v.sku,
                title: v.title,
                priceMinor: v.priceMinor,
                compareAtMinor: v.compareAtMinor,
                selectedOptions: json(v.selectedOptions),
                quantityOnHand: v.quantityOnHand,
                position: v.position,
              })),
            },
          },
          select: { id: true },
        });
        await recordProductsChanged(tx, [id], 'created');
        return id;
      });
      return { kind: 'created', id };
    } catch (error) {
      const violation = uniqueViolation(error);
      if (!violation) throw error;
      const on = /sku/.test(violation.fields) ? 'sku' : /slug/.test(violation.fields) ? 'slug' : null;
      return { kind: 'conflict', on };
    }
  }

  async updateProduct(id: string, changes: ProductChanges): Promise<'updated' | 'not_found'> {
    if (!isUuid(id)) return 'not_found';
    return this.prisma.$transaction(async (tx) => {
      const product = await lockProduct(tx, id);
      if (!product || product.deleted) return 'not_found';
      await tx.product.update({
        where: { id },
        data: {
          ...(changes.title !== undefined ? { title: changes.title } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          ...(changes.brandId !== undefined ? { brandId: changes.brandId } : {}),
          ...(changes.categoryId !== undefined ? { categoryId: changes.categoryId } : {}),
          ...(changes.attributes !== undefined ? { attributes: json(changes.attributes) } : {}),
        },
      });
      await recordProductsChanged(tx, [id], 'updated');
      return 'updated';
    });
  }

  async deleteProduct(id: string): Promise<'deleted' | 'already_deleted' | 'not_found'> {
    if (!isUuid(id)) return 'not_found';
    return this.prisma.$transaction(async (tx) => {
      const product = await lockProduct(tx, id);
      if (!product) return 'not_found';
      if (product.deleted) return 'already_deleted';
      await tx.product.update({ where: { id }, data: { deletedAt: new Date() } });
      await recordProductDeleted(tx, id);
      return 'deleted';
    });
  }

  async setQuantityOnHand(variantId: string, quantity: number): Promise<InventoryResult> {
    const productId = await this.productOfVariant(variantId);
    if (!productId) return { kind: 'not_found' };
    return this.prisma.$transaction(async (tx): Promise<InventoryResult> => {
      const product = await lockProduct(tx, productId);
      if (!product || product.deleted) return { kind: 'not_found' };
      // Reservations change quantity_reserved without the product lock: the condition
      // is checked against the row as it is when the update takes its lock.
      const updated = await tx.productVariant.updateMany({
        where: { id: variantId, quantityReserved: { lte: quantity } },
        data: { quantityOnHand: quantity },
      });
      if (updated.count === 0) {
        const row = await tx.productVariant.findUnique({
          where: { id: variantId },
          select: { quantityReserved: true },
        });
        return row ? { kind: 'below_reserved', reserved: row.quantityReserved } : { kind: 'not_found' };
      }
      await recordProductsChanged(tx, [productId], 'stock_changed');
      return { kind: 'set', productId };
    });
  }

  async setPrice(variantId: string, priceMinor: number): Promise<PriceResult> {
    const productId = await this.productOfVariant(variantId);
    if (!productId) return { kind: 'not_found' };
    return this.prisma.$transaction(async (tx): Promise<PriceResult> => {
      const product = await lockProduct(tx, productId);
      if (!product || product.deleted) return { kind: 'not_found' };
      const variant = await tx.productVariant.findUnique({
        where: { id: variantId },
        select: { compareAtMinor: true },
      });
      if (!variant) return { kind: 'not_found' };
      const compareAtReached = variant.compareAtMinor !== null && variant.compareAtMinor <= priceMinor;
      await tx.productVariant.update({
        where: { id: variantId },
        data: { priceMinor, ...(compareAtReached ? { compareAtMinor: null } : {}) },
      });
      const range = await tx.productVariant.aggregate({
        where: { productId },
        _min: { priceMinor: true },
        _max: { priceMinor: true },
      });
      await tx.product.update({
        where: { id: productId },
        data: {
          priceMinMinor: range._min.priceMinor ?? priceMinor,
          priceMaxMinor: range._max.priceMinor ?? priceMinor,
        },
      });
      await recordProductsChanged(tx, [productId], 'price_changed');
      return { kind: 'set', productId };
    });
  }

  /** A variant never moves to another product, so this may be read before its transaction. */
  private async productOfVariant(variantId: string): Promise<string | null> {
    if (!isUuid(variantId)) return null;
    const row = await this.prisma.productVariant.findUnique({ where: { id: variantId }, select: { productId: true } });
    return row?.productId ?? null;
  }
}
