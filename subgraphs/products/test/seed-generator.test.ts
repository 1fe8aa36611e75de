import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { productImageSvg } from '../src/media/product-image.js';
import {
  CREATED_SPAN_DAYS,
  generateProduct,
  generateProducts,
  MAX_SEED_PRODUCTS,
  MAX_VARIANTS,
  productChunks,
  SEED_EPOCH,
  type SeedProduct,
  seedBrands,
  seedCategories,
  seedProductId,
} from '../src/seed/index.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY_MS = 86_400_000;
const SAMPLE = 3000;
/** sha256 of the JSON of products 0..199; see the fingerprint test before changing it. */
const FINGERPRINT = 'e13769e453970ad6b2f05aa2a27b2142d75dad483ca010a3d3d7950738d9ab00';

const categories = seedCategories();
const brands = seedBrands();
const products = generateProducts(0, SAMPLE);
const variants = products.flatMap((p) => p.variants);
const categoryById = new Map(categories.map((c) => [c.id, c]));

const share = (count: number, total: number) => count / total;
const departmentOf = (product: SeedProduct) => {
  let category = categoryById.get(product.categoryId);
  while (category?.parentId) category = categoryById.get(category.parentId);
  return category?.name;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('seed categories', () => {
  it('form a tree of at least 40 categories and 3 levels with unique, valid slugs', () => {
    expect(categories.length).toBeGreaterThanOrEqual(40);
    expect(Math.max(...categories.map((c) => c.depth)) + 1).toBeGreaterThanOrEqual(3);
    expect(new Set(categories.map((c) => c.id)).size).toBe(categories.length);
    expect(new Set(categories.map((c) => c.slug)).size).toBe(categories.length);
    for (const c of categories) {
      expect(c.slug).toMatch(SLUG);
      expect(c.id).toMatch(UUID);
    }
    expect(categories.filter((c) => c.parentId === null).map((c) => c.name)).toEqual(
      expect.arrayContaining(['Apparel', 'Electronics', 'Home & Kitchen', 'Sports & Outdoors', 'Books']),
    );
  });

  it('list parents before children, number siblings 0..n-1 and mark exactly the childless ones as leaves', () => {
    const seen = new Set<string>();
    for (const c of categories) {
      if (c.parentId !== null) {
        expect(seen.has(c.parentId)).toBe(true);
        expect(categoryById.get(c.parentId)?.depth).toBe(c.depth - 1);
      }
      seen.add(c.id);
    }
    const siblings = new Map<string | null, number[]>();
    for (const c of categories) siblings.set(c.parentId, [...(siblings.get(c.parentId) ?? []), c.position]);
    for (const positions of siblings.values()) expect(positions).toEqual(positions.map((_, i) => i));
    const parents = new Set(categories.map((c) => c.parentId));
    for (const c of categories) expect(c.leaf).toBe(!parents.has(c.id));
    const shirts = categories.find((c) => c.slug === 'apparel-men-shirts');
    expect(shirts?.leaf).toBe(true);
    expect(categoryById.get(shirts?.parentId ?? '')?.name).toBe('Men');
  });
});

describe('seed brands', () => {
  it('are at least 100 invented names with unique, valid slugs', () => {
    expect(brands.length).toBeGreaterThanOrEqual(100);
    expect(new Set(brands.map((b) => b.name)).size).toBe(brands.length);
    expect(new Set(brands.map((b) => b.slug)).size).toBe(brands.length);
    expect(new Set(brands.map((b) => b.id)).size).toBe(brands.length);
    for (const b of brands) {
      expect(b.slug).toMatch(SLUG);
      expect(b.name).toMatch(/^[A-Z][A-Za-z]+( [A-Z][A-Za-z]+)*$/);
    }
  });
});

describe('product generation', () => {
  it('is deterministic: two generations are equal, and product i is the same however it is reached', () => {
    expect(generateProducts(0, 400)).toEqual(products.slice(0, 400));
    expect(generateProduct(1234)).toEqual(products[1234]);
    expect(generateProducts(1230, 1240)[4]).toEqual(products[1234]);
    // A catalog of 300 is the first 300 of a catalog of 1000, in any chunking.
    const small = [...productChunks(300, 300)].flat();
    const large = [...productChunks(1000, 128)].flat();
    expect(large).toHaveLength(1000);
    expect(large.slice(0, 300)).toEqual(small);
    expect(large).toEqual(products.slice(0, 1000));
  });

  it('reads neither Math.random nor the clock', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    expect(generateProducts(2000, 2100)).toEqual(products.slice(2000, 2100));
  });

  it('keeps producing the same catalog (fingerprint of the first 200 products)', () => {
    // The seed never updates rows it finds, so a change here leaves existing databases with
    // the old data under the same ids. Change the fingerprint only on purpose.
    const digest = createHash('sha256')
      .update(JSON.stringify(generateProducts(0, 200)))
      .digest('hex');
    expect(digest).toBe(FINGERPRINT);
    expect(seedProductId(0)).toBe(products[0]?.id);
    expect(products[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('generates lazily, by index, up to 5,000,000 products', () => {
    const first = productChunks(1_000_000, 100).next();
    expect(first.done).toBe(false);
    expect(first.value).toHaveLength(100);
    for (const index of [999_999, MAX_SEED_PRODUCTS - 1]) {
      const product = generateProduct(index);
      expect(product.index).toBe(index);
      expect(product.slug.endsWith(`-${index}`)).toBe(true);
      expect(product.variants.length).toBeGreaterThanOrEqual(1);
    }
    expect(() => generateProduct(MAX_SEED_PRODUCTS)).toThrow(RangeError);
    expect(() => generateProduct(-1)).toThrow(RangeError);
    expect(() => generateProduct(1.5)).toThrow(RangeError);
  });
});

describe('generated products', () => {
  it('have unique ids, slugs, variant ids and SKUs', () => {
    expect(new Set(products.map((p) => p.id)).size).toBe(SAMPLE);
    expect(new Set(products.map((p) => p.slug)).size).toBe(SAMPLE);
    expect(new Set(variants.map((v) => v.id)).size).toBe(variants.length);
    expect(new Set(variants.map((v) => v.sku)).size).toBe(variants.length);
    for (const v of variants) expect(v.sku).toMatch(/^[A-Z]{3}-[0-9A-Z]{6}-[1-6]$/);
  });

  it('have valid slugs and believable titles and descriptions', () => {
    for (const p of products) {
      expect(p.slug).toMatch(SLUG);
      expect(p.slug.length).toBeLessThanOrEqual(200);
      expect(p.slug.endsWith(`-${p.index}`)).toBe(true);
      expect(p.title.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(`${p.title} ${p.description}`).not.toMatch(/undefined|null|NaN|\s{2}/);
      const sentences = p.description.split(/(?<=[.!?])\s+/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      for (const s of sentences) expect(s).toMatch(/^[A-Z0-9].*[.!?]$/);
    }
    const headphones = products.filter((p) => categoryById.get(p.categoryId)?.name === 'Headphones');
    expect(headphones.length).toBeGreaterThan(0);
    for (const p of headphones) expect(p.title).toMatch(/Headphones/);
  });

  it('sit in leaf categories, mostly with a brand, and cover every leaf', () => {
    for (const p of products) expect(categoryById.get(p.categoryId)?.leaf).toBe(true);
    const leaves = categories.filter((c) => c.leaf);
    expect(new Set(products.map((p) => p.categoryId)).size).toBe(leaves.length);
    const brandIds = new Set(brands.map((b) => b.id));
    const unbranded = products.filter((p) => p.brandId === null).length;
    expect(share(unbranded, SAMPLE)).toBeGreaterThan(0.02);
    expect(share(unbranded, SAMPLE)).toBeLessThan(0.08);
    for (const p of products) if (p.brandId !== null) expect(brandIds.has(p.brandId)).toBe(true);
  });

  it('have 1 to 6 variants: the combinations of their options, or one Default', () => {
    for (const p of products) {
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      expect(p.variants.length).toBeLessThanOrEqual(MAX_VARIANTS);
      expect(p.variants.map((v) => v.position)).toEqual(p.variants.map((_, i) => i));
      if (p.options.length === 0) {
        expect(p.variants).toHaveLength(1);
        expect(p.variants[0]?.title).toBe('Default');
        expect(p.variants[0]?.selectedOptions).toEqual([]);
        continue;
      }
      expect(p.variants).toHaveLength(p.options.reduce((n, o) => n * o.values.length, 1));
      expect(new Set(p.variants.map((v) => v.title)).size).toBe(p.variants.length);
      for (const v of p.variants) {
        expect(v.selectedOptions.map((s) => s.name)).toEqual(p.options.map((o) => o.name));
        v.selectedOptions.forEach((s, i) => {
          expect(p.options[i]?.values).toContain(s.value);
        });
        expect(v.title).toBe(v.selectedOptions.map((s) => s.value).join(' / '));
      }
    }
    const counts = new Set(products.map((p) => p.variants.length));
    expect(counts).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('offer options that fit their department', () => {
    const allowed: Record<string, string[]> = {
      Apparel: ['Color', 'Size'],
      Footwear: ['Color', 'Size'],
      Electronics: ['Color', 'Storage'],
      Books: ['Format'],
    };
    for (const p of products) {
      const names = allowed[departmentOf(p) ?? ''];
      if (names) for (const o of p.options) expect(names).toContain(o.name);
    }
    const apparel = products.filter((p) => departmentOf(p) === 'Apparel');
    expect(apparel.every((p) => p.options.length > 0)).toBe(true);
    for (const p of apparel) {
      const family = p.attributes.find((a) => a.name === 'Color family')?.value;
      expect(family).toBeDefined();
      if (p.options.some((o) => o.name === 'Color' && o.values.length === 1)) expect(family).not.toBe('Assorted');
      expect(p.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['Material', 'Fit']));
    }
    const electronics = products.filter((p) => departmentOf(p) === 'Electronics');
    expect(electronics.some((p) => p.attributes.some((a) => a.name === 'Connectivity'))).toBe(true);
    expect(electronics.some((p) => p.attributes.some((a) => a.name === 'Battery life'))).toBe(true);
    for (const p of products) {
      expect(p.attributes.length).toBeGreaterThan(0);
      expect(new Set(p.attributes.map((a) => a.name)).size).toBe(p.attributes.length);
      for (const a of p.attributes) expect(a.value).not.toBe('');
    }
  });

  it('keep price_min/price_max equal to the cheapest and dearest variant, in retail endings', () => {
    for (const p of products) {
      const prices = p.variants.map((v) => v.priceMinor);
      expect(p.priceMinMinor).toBe(Math.min(...prices));
      expect(p.priceMaxMinor).toBe(Math.max(...prices));
      expect(p.currencyCode).toBe('USD');
      for (const v of p.variants) {
        expect(Number.isInteger(v.priceMinor)).toBe(true);
        expect(v.priceMinor).toBeGreaterThan(0);
        expect([0, 95, 99]).toContain(v.priceMinor % 100);
        if (v.compareAtMinor !== null) expect(v.compareAtMinor).toBeGreaterThan(v.priceMinor);
      }
    }
    const onSale = products.filter((p) => p.variants.some((v) => v.compareAtMinor !== null)).length;
    expect(share(onSale, SAMPLE)).toBeGreaterThan(0.1);
    expect(share(onSale, SAMPLE)).toBeLessThan(0.3);
    expect(products.some((p) => p.priceMinMinor < p.priceMaxMinor)).toBe(true);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const laptops = products.filter((p) => categoryById.get(p.categoryId)?.name === 'Laptops');
    const tees = products.filter((p) => categoryById.get(p.categoryId)?.name === 'T-Shirts');
    expect(median(laptops.map((p) => p.priceMinMinor))).toBeGreaterThan(10 * median(tees.map((p) => p.priceMinMinor)));
  });

  it('leave about 8-12% of variants out of stock', () => {
    for (const v of variants) {
      expect(Number.isInteger(v.quantityOnHand)).toBe(true);
      expect(v.quantityOnHand).toBeGreaterThanOrEqual(0);
    }
    const zero = share(variants.filter((v) => v.quantityOnHand === 0).length, variants.length);
    expect(zero).toBeGreaterThanOrEqual(0.08);
    expect(zero).toBeLessThanOrEqual(0.12);
  });

  it('leave about 15% unrated and rate the rest between 1 and 5, mostly 3.5 to 4.8', () => {
    const rated = products.filter((p) => p.rating !== null);
    const unrated = share(SAMPLE - rated.length, SAMPLE);
    expect(unrated).toBeGreaterThan(0.12);
    expect(unrated).toBeLessThan(0.18);
    for (const p of products) {
      if (p.rating === null) {
        expect(p.reviewCount).toBe(0);
        continue;
      }
      expect(p.reviewCount).toBeGreaterThanOrEqual(1);
      expect(p.rating).toBeGreaterThanOrEqual(1);
      expect(p.rating).toBeLessThanOrEqual(5);
      expect(Math.round(p.rating * 100) / 100).toBe(p.rating);
    }
    const typical = rated.filter((p) => (p.rating ?? 0) >= 3.5 && (p.rating ?? 0) <= 4.8).length;
    expect(share(typical, rated.length)).toBeGreaterThan(0.6);
    expect(rated.some((p) => (p.rating ?? 5) < 3)).toBe(true);
  });

  it('have 1 to 4 images the media route can draw', () => {
    for (const p of products) {
      expect(p.images.length).toBeGreaterThanOrEqual(1);
      expect(p.images.length).toBeLessThanOrEqual(4);
      p.images.forEach((image, i) => {
        expect(image.path).toBe(`/products/${p.slug}/${i + 1}.svg`);
        expect(image.altText).toContain(p.title);
        expect(image).toMatchObject({ width: 800, height: 800 });
      });
    }
    const sample = products[7];
    expect(sample && productImageSvg(sample.slug, sample.images.length)).toMatch(/^<svg /);
    expect(new Set(products.map((p) => p.images.length))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('were created over the two years before the seed epoch and updated since', () => {
    const epoch = Date.parse(SEED_EPOCH);
    const created = products.map((p) => Date.parse(p.createdAt));
    for (const p of products) {
      const c = Date.parse(p.createdAt);
      const u = Date.parse(p.updatedAt);
      expect(c).toBeGreaterThanOrEqual(epoch - CREATED_SPAN_DAYS * DAY_MS);
      expect(c).toBeLessThanOrEqual(epoch);
      expect(u).toBeGreaterThanOrEqual(c);
      expect(u).toBeLessThanOrEqual(epoch);
      for (const v of p.variants) expect([v.createdAt, v.updatedAt]).toEqual([p.createdAt, p.updatedAt]);
    }
    expect(Math.min(...created)).toBeLessThan(epoch - 700 * DAY_MS);
    expect(Math.max(...created)).toBeGreaterThan(epoch - 30 * DAY_MS);
  });
});
