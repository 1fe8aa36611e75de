import type { PrismaClient } from '../src/data/prisma-client.js';

export interface FixtureProduct {
  slug: string;
  title: string;
  categorySlug: string;
  brandSlug?: string;
  createdAt: Date;
  rating?: number | null;
  variants: Array<{ sku: string; priceMinor: number; quantityOnHand: number; options?: Record<string, string> }>;
  deleted?: boolean;
}

/** Replaces the catalog with a small, known tree: apparel > (tops > shirts), footwear. */
export async function resetCatalog(prisma: PrismaClient, products: FixtureProduct[]): Promise<void> {
  await prisma.$executeRawUnsafe('TRUNCATE product_variants, products, categories, brands CASCADE');
  const apparel = await prisma.category.create({ data: { slug: 'apparel', name: 'Apparel', position: 0 } });
  const tops = await prisma.category.create({ data: { slug: 'tops', name: 'Tops', parentId: apparel.id } });
  await prisma.category.create({ data: { slug: 'shirts', name: 'Shirts', parentId: tops.id } });
  await prisma.category.create({ data: { slug: 'footwear', name: 'Footwear', position: 1 } });
  await prisma.brand.createMany({
    data: [
      { slug: 'acme', name: 'Acme' },
      { slug: 'globex', name: 'Globex' },
    ],
  });
  const categories = new Map((await prisma.category.findMany()).map((c) => [c.slug, c.id]));
  const brands = new Map((await prisma.brand.findMany()).map((b) => [b.slug, b.id]));
  for (const p of products) {
    const prices = p.variants.map((v) => v.priceMinor);
    await prisma.product.create({
      data: {
        slug: p.slug,
        title: p.title,
        description: `${p.title}, described.`,
        categoryId: categories.get(p.categorySlug) as string,
        brandId: p.brandSlug ? (brands.get(p.brandSlug) as string) : null,
        currencyCode: 'USD',
        priceMinMinor: Math.min(...prices),
        priceMaxMinor: Math.max(...prices),
        rating: p.rating ?? null,
        reviewCount: p.rating ? 3 : 0,
        createdAt: p.createdAt,
        deletedAt: p.deleted ? new Date() : null,
        images: [{ path: `/products/${p.slug}/1.svg`, altText: p.title, width: 800, height: 800 }],
        attributes: [{ name: 'material', value: 'cotton' }],
        options: [{ name: 'Size', values: p.variants.map((v) => v.options?.Size ?? 'One size') }],
        variants: {
          create: p.variants.map((v, position) => ({
            sku: v.sku,
            title: v.options?.Size ?? 'Default',
            priceMinor: v.priceMinor,
            quantityOnHand: v.quantityOnHand,
            position,
            selectedOptions: [{ name: 'Size', value: v.options?.Size ?? 'One size' }],
          })),
        },
      },
    });
  }
}
