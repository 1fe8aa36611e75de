/**
 * A small crafted catalog written straight into search_documents / search_terms
 * (the columns the document writer fills), and brute-force reference answers
 * computed in TypeScript over the same data.
 */

import type { PrismaClient } from '../src/data/prisma-client.js';
import { Prisma } from '../src/generated/prisma/client.js';

export interface CategoryNode {
  id: string;
  slug: string;
  name: string;
  parent: string | null;
}

const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const CATEGORY_LIST: Array<[slug: string, name: string, parent: string | null]> = [
  ['electronics', 'Electronics', null],
  ['audio', 'Audio', 'electronics'],
  ['headphones', 'Headphones', 'audio'],
  ['speakers', 'Speakers', 'audio'],
  ['computers', 'Computers', 'electronics'],
  ['laptops', 'Laptops', 'computers'],
  ['accessories', 'Computer Accessories', 'computers'],
  ['home', 'Home & Kitchen', null],
  ['kitchen', 'Kitchen', 'home'],
  ['coffee', 'Coffee Makers', 'kitchen'],
  ['cookware', 'Cookware', 'kitchen'],
  ['lighting', 'Lighting', 'home'],
  ['zephyr-lights', 'Zephyr Collection', 'lighting'],
  ['apparel', 'Apparel', null],
  ['tops', 'Tops', 'apparel'],
  ['tshirts', 'T-Shirts', 'tops'],
  ['sweaters', 'Sweaters', 'tops'],
];

export const CATEGORIES: CategoryNode[] = CATEGORY_LIST.map(([slug, name, parent], i) => ({
  id: uuid('c0000000', i + 1),
  slug,
  name,
  parent,
}));

export const BRANDS = [
  { id: uuid('b0000000', 1), slug: 'sonora', name: 'Sonora' },
  { id: uuid('b0000000', 2), slug: 'acme', name: 'Acme' },
  { id: uuid('b0000000', 3), slug: 'nordhaus', name: 'Nordhaus' },
  { id: uuid('b0000000', 4), slug: 'creme', name: 'Crème Atelier' },
  { id: uuid('b0000000', 5), slug: 'zephyr', name: 'Zephyr' },
];

export interface Doc {
  id: string;
  title: string;
  description: string;
  brand: string | null;
  category: string;
  currency: string;
  /** Minor units, one per variant. */
  prices: number[];
  inStock: boolean;
  rating: number | null;
  reviewCount: number;
  popularity: number;
  attributes: Array<{ name: string; value: string }>;
  createdAt: string;
  deleted?: boolean;
}

const COLORS = ['Red', 'Blue', 'Black', 'White', 'Green'];
const SIZES = ['S', 'M', 'L'];
const MATERIALS = ['Cotton', 'Wool', 'Steel', 'Plastic'];

/** Deterministic: the same catalog on every run. */
function build(): Doc[] {
  const docs: Doc[] = [];
  let n = 0;
  const add = (d: Omit<Doc, 'id' | 'createdAt'> & { createdAt?: string }) => {
    n += 1;
    docs.push({
      id: uuid('a0000000', n * 7919),
      createdAt: d.createdAt ?? new Date(Date.UTC(2025, 0, 1) + (n % 13) * 86_400_000).toISOString(),
      ...d,
    });
  };
  // Relevance probes: "zephyr" in the title / brand / category / description only.
  add({
    title: 'Zephyr Table Lamp',
    description: 'A lamp for the desk.',
    brand: 'nordhaus',
    category: 'lighting',
    currency: 'USD',
    prices: [4900],
    inStock: true,
    rating: 2,
    reviewCount: 1,
    popularity: 1,
    attributes: [{ name: 'Material', value: 'Steel' }],
  });
  add({
    title: 'Desk Fan',
    description: 'Moves air quietly.',
    brand: 'zephyr',
    category: 'home',
    currency: 'USD',
    prices: [3900],
    inStock: true,
    rating: 3,
    reviewCount: 5,
    popularity: 5,
    attributes: [],
  });
  add({
    title: 'Floor Light',
    description: 'Tall and bright.',
    brand: 'acme',
    category: 'zephyr-lights',
    currency: 'USD',
    prices: [12900],
    inStock: true,
    rating: 4,
    reviewCount: 40,
    popularity: 40,
    attributes: [{ name: 'Color', value: 'White' }],
  });
  add({
    title: 'Reading Light',
    description: 'Soft as a zephyr in the evening.',
    brand: 'acme',
    category: 'lighting',
    currency: 'USD',
    prices: [2900],
    inStock: true,
    rating: 5,
    reviewCount: 900,
    popularity: 900,
    attributes: [{ name: 'Color', value: 'Black' }],
  });
  // Audio.
  const audio: Array<[string, string, string, number[], number | null]> = [
    ['Wireless Headphones', 'sonora', 'headphones', [9900, 10900], 4.5],
    ['Studio Headphones Pro', 'sonora', 'headphones', [24900], 4.8],
    ['Wireless Earbuds', 'acme', 'headphones', [4900, 5900], 3.9],
    ['Kids Headphones', 'acme', 'headphones', [1999], null],
    ['Bookshelf Speaker', 'sonora', 'speakers', [14900, 19900], 4.1],
    ['Wireless Party Speaker', 'acme', 'speakers', [29900], 3.2],
    ['Studio Monitor Speaker', 'nordhaus', 'speakers', [49900, 54900], 4.6],
  ];
  audio.forEach(([title, brand, category, prices, rating], i) => {
    add({
      title,
      description: `${title} with classic sound and long battery life.`,
      brand,
      category,
      currency: 'USD',
      prices,
      inStock: i % 3 !== 2,
      rating,
      reviewCount: rating === null ? 0 : 10 + i * 3,
      popularity: 100 - i * 7,
      attributes: [
        { name: 'Color', value: COLORS[i % 5] as string },
        ...(i % 2 === 0 ? [{ name: 'Color', value: COLORS[(i + 2) % 5] as string }] : []),
        { name: 'Connectivity', value: title.startsWith('Wireless') ? 'Bluetooth' : 'Wired' },
      ],
    });
  });
  // Computers.
  const computers: Array<[string, string, string, number[], number | null]> = [
    ['Ultralight Laptop 13', 'nordhaus', 'laptops', [119900, 139900], 4.4],
    ['Gaming Laptop 17', 'acme', 'laptops', [219900], 4.0],
    ['Wireless Mouse', 'acme', 'accessories', [2500], 4.2],
    ['Mechanical Keyboard', 'nordhaus', 'accessories', [8900, 9900], 4.7],
    ['USB-C Hub', 'sonora', 'accessories', [3999], null],
    ['Laptop Sleeve', 'creme', 'accessories', [2499, 2999], 3.5],
  ];
  computers.forEach(([title, brand, category, prices, rating], i) => {
    add({
      title,
      description: `${title}, built to last. A classic for the office.`,
      brand,
      category,
      currency: 'USD',
      prices,
      inStock: i !== 1,
      rating,
      reviewCount: rating === null ? 0 : 3 + i,
      popularity: 60 - i * 5,
      attributes: [
        { name: 'Color', value: COLORS[(i + 1) % 5] as string },
        { name: 'Material', value: MATERIALS[(i + 2) % 4] as string },
      ],
    });
  });
  // Kitchen.
  const kitchen: Array<[string, string | null, string, number[], number | null]> = [
    ['Café Espresso Maker', 'creme', 'coffee', [34900], 4.9],
    ['Pour Over Coffee Set', 'creme', 'coffee', [4500], 4.3],
    ['Drip Coffee Machine', 'acme', 'coffee', [7900, 8900], 3.7],
    ['Crème Brûlée Torch', 'creme', 'cookware', [2500, 5000], 4.0],
    ['Cast Iron Skillet', 'nordhaus', 'cookware', [5000], 4.6],
    ['Nonstick Pan Set', null, 'cookware', [9999, 15999], 2.8],
    ['Stainless Stock Pot', null, 'cookware', [6000], null],
  ];
  kitchen.forEach(([title, brand, category, prices, rating], i) => {
    add({
      title,
      description: `${title}. Easy to clean${i % 2 ? ', a classic' : ''}.`,
      brand,
      category,
      currency: 'USD',
      prices,
      inStock: i % 4 !== 3,
      rating,
      reviewCount: rating === null ? 0 : 20 + i,
      popularity: 30 + i * 11,
      attributes: [
        { name: 'Material', value: MATERIALS[(i + 2) % 4] as string },
        ...(i % 3 === 0 ? [{ name: 'Color', value: COLORS[i % 5] as string }] : []),
      ],
    });
  });
  // Apparel with sizes and colors as variant options.
  const apparel: Array<[string, string, string, number, number | null]> = [
    ['Classic Cotton Tee', 'creme', 'tshirts', 1900, 4.1],
    ['Organic Cotton Tee', 'creme', 'tshirts', 2400, 4.4],
    ['Graphic Tee', 'acme', 'tshirts', 1500, 3.1],
    ['Merino Wool Sweater', 'nordhaus', 'sweaters', 8900, 4.8],
    ['Chunky Knit Sweater', 'nordhaus', 'sweaters', 11900, 1.5],
    ['Cotton Crew Sweater', 'creme', 'sweaters', 5900, null],
    ['Striped Long Sleeve Tee', 'acme', 'tshirts', 2600, 2.2],
    ['Zip Hoodie', 'sonora', 'tops', 4999, 3.8],
  ];
  apparel.forEach(([title, brand, category, base, rating], i) => {
    const sizes = SIZES.slice(0, 1 + (i % 3));
    const colors = [COLORS[i % 5] as string, COLORS[(i + 3) % 5] as string];
    add({
      title,
      description: `${title} in soft fabric.`,
      brand,
      category,
      currency: 'USD',
      prices: sizes.map((_, s) => base + s * 500),
      inStock: i % 3 !== 1,
      rating,
      reviewCount: rating === null ? 0 : 5 + i * 2,
      popularity: 50 + (i % 4) * 9,
      attributes: [
        { name: 'Material', value: title.includes('Wool') || title.includes('Knit') ? 'Wool' : 'Cotton' },
        ...sizes.map((s) => ({ name: 'Size', value: s })),
        ...colors.map((c) => ({ name: 'Color', value: c })),
      ],
    });
  });
  // Another currency (0 minor digits): 3000 JPY is 3000 major units.
  add({
    title: 'Tenugui Cotton Towel',
    description: 'Hand dyed.',
    brand: null,
    category: 'kitchen',
    currency: 'JPY',
    prices: [3000],
    inStock: true,
    rating: 4.2,
    reviewCount: 2,
    popularity: 2,
    attributes: [{ name: 'Material', value: 'Cotton' }],
  });
  // Same sort keys, to exercise the id tie-break.
  for (const k of [1, 2, 3]) {
    add({
      title: `Plain Mug ${k}`,
      description: 'A mug.',
      brand: 'acme',
      category: 'kitchen',
      currency: 'USD',
      prices: [1200],
      inStock: true,
      rating: 4,
      reviewCount: 4,
      popularity: 7,
      attributes: [{ name: 'Color', value: 'White' }],
      createdAt: '2025-03-03T00:00:00.000Z',
    });
  }
  // A deleted product (tombstone) that matches many queries: it must never appear.
  add({
    title: 'Wireless Headphones Deleted Edition',
    description: 'Gone. Classic zephyr.',
    brand: 'sonora',
    category: 'headphones',
    currency: 'USD',
    prices: [100],
    inStock: true,
    rating: 5,
    reviewCount: 1000,
    popularity: 100000,
    attributes: [{ name: 'Color', value: 'Red' }],
    deleted: true,
  });
  return docs;
}

export const DOCS = build();
export const LIVE = DOCS.filter((d) => !d.deleted);
export const DELETED_ID = (DOCS.find((d) => d.deleted) as Doc).id;

/** Root-first category path of a leaf. */
export function pathOf(slug: string): CategoryNode[] {
  const path: CategoryNode[] = [];
  let current: string | null = slug;
  while (current) {
    const node = CATEGORIES.find((c) => c.slug === current) as CategoryNode;
    path.unshift(node);
    current = node.parent;
  }
  return path;
}

export const brandOf = (slug: string | null) => BRANDS.find((b) => b.slug === slug) ?? null;

function dedupeAttributes(doc: Doc) {
  const seen = new Set<string>();
  return doc.attributes.filter((a) => {
    const key = `${a.name.toLowerCase()}=${a.value.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Empties the index and writes the catalog and its terms (as the reindexer computes them). */
export async function loadCatalog(prisma: PrismaClient, docs: Doc[] = DOCS): Promise<void> {
  await prisma.$executeRawUnsafe('TRUNCATE search_documents, search_terms');
  for (const doc of docs) {
    const path = pathOf(doc.category);
    const brand = brandOf(doc.brand);
    const attributes = dedupeAttributes(doc);
    const pairs = attributes.map((a) => `${a.name.toLowerCase()}=${a.value.toLowerCase()}`);
    await prisma.$executeRaw`
      INSERT INTO search_documents (product_id, version, deleted, slug, title, description, brand_id, brand_slug,
        brand_name, category_ids, category_slugs, category_names, currency_code, price_min_minor, price_max_minor,
        variant_prices, in_stock, rating, review_count, popularity, attributes, attribute_pairs, document,
        created_at, updated_at)
      VALUES (${doc.id}::uuid, 1, ${doc.deleted ?? false}, ${`slug-${doc.id.slice(-6)}`}, ${doc.title},
        ${doc.description}, ${brand?.id ?? null}::uuid, ${brand?.slug ?? null}, ${brand?.name ?? null},
        ${path.map((c) => c.id)}::uuid[], ${path.map((c) => c.slug)}::text[], ${path.map((c) => c.name)}::text[],
        ${doc.currency}, ${Math.min(...doc.prices)}::int, ${Math.max(...doc.prices)}::int, ${doc.prices}::int[],
        ${doc.inStock}, ${doc.rating}::numeric, ${doc.reviewCount}::int, ${doc.popularity}::int,
        ${JSON.stringify(attributes)}::jsonb, ${pairs}::text[], '{}'::jsonb,
        ${doc.createdAt}::timestamptz, ${doc.createdAt}::timestamptz)`;
  }
  await prisma.$executeRaw(Prisma.sql`
    INSERT INTO search_terms (term, documents)
    SELECT word, ndoc FROM ts_stat($$
      SELECT to_tsvector('simple', search_fold(title || ' ' || coalesce(brand_name, '') || ' ' || search_join(category_names)))
      FROM search_documents WHERE NOT deleted $$)
    WHERE length(word) >= 3`);
}

// ------------------------------------------------------------------ brute force

export interface RefFilter {
  categorySlugs?: string[];
  brandSlugs?: string[];
  price?: { min?: string; max?: string };
  attributes?: Array<{ name: string; values: string[] }>;
  inStock?: boolean;
  minRating?: number;
}

const MINOR_DIGITS: Record<string, number> = { USD: 2, JPY: 0 };
/** A price in major units (as a number; the catalog's prices are exact in binary at this scale). */
export const major = (doc: Doc, minor: number) => minor / 10 ** (MINOR_DIGITS[doc.currency] ?? 2);

type FacetKey = 'category' | 'brand' | 'price' | 'rating' | 'availability' | `attr:${string}`;

function passes(doc: Doc, f: RefFilter, skip: FacetKey | null): boolean {
  if (skip !== 'category' && f.categorySlugs?.length) {
    if (!pathOf(doc.category).some((c) => f.categorySlugs?.includes(c.slug))) return false;
  }
  if (skip !== 'brand' && f.brandSlugs?.length) {
    if (!doc.brand || !f.brandSlugs.includes(doc.brand)) return false;
  }
  if (skip !== 'price' && f.price && (f.price.min !== undefined || f.price.max !== undefined)) {
    const min = f.price.min === undefined ? 0 : Number(f.price.min);
    const max = f.price.max === undefined ? Number.POSITIVE_INFINITY : Number(f.price.max);
    if (!doc.prices.some((p) => major(doc, p) >= min && major(doc, p) <= max)) return false;
  }
  if (skip !== 'rating' && f.minRating !== undefined) {
    if (doc.rating === null || doc.rating < f.minRating) return false;
  }
  if (skip !== 'availability' && f.inStock !== undefined && doc.inStock !== f.inStock) return false;
  for (const a of f.attributes ?? []) {
    const name = a.name.toLowerCase();
    if (skip === `attr:${name}` || a.values.length === 0) continue;
    const wanted = a.values.map((v) => v.toLowerCase());
    if (!doc.attributes.some((x) => x.name.toLowerCase() === name && wanted.includes(x.value.toLowerCase()))) {
      return false;
    }
  }
  return true;
}

export function refMatches(docs: Doc[], f: RefFilter): Doc[] {
  return docs.filter((d) => passes(d, f, null));
}

const BUCKETS: Array<[string, number, number]> = [
  ['0-25', 0, 25],
  ['25-50', 25, 50],
  ['50-100', 50, 100],
  ['100-200', 100, 200],
  ['200-500', 200, 500],
  ['500+', 500, Number.POSITIVE_INFINITY],
];

/** facet name -> value -> count (only values with a count above zero). */
export function refFacets(docs: Doc[], f: RefFilter): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  const bump = (facet: string, value: string) => {
    out[facet] ??= {};
    (out[facet] as Record<string, number>)[value] = ((out[facet] as Record<string, number>)[value] ?? 0) + 1;
  };
  for (const doc of docs) {
    if (passes(doc, f, 'category')) for (const c of pathOf(doc.category)) bump('category', c.slug);
    if (passes(doc, f, 'brand') && doc.brand) bump('brand', doc.brand);
    if (passes(doc, f, 'price')) {
      for (const [value, lo, hi] of BUCKETS) {
        if (doc.prices.some((p) => major(doc, p) >= lo && major(doc, p) <= hi)) bump('price', value);
      }
    }
    if (passes(doc, f, 'rating') && doc.rating !== null) {
      for (const t of [4, 3, 2, 1]) if (doc.rating >= t) bump('rating', String(t));
    }
    if (passes(doc, f, 'availability')) bump('availability', doc.inStock ? 'in_stock' : 'out_of_stock');
    const names = new Set(doc.attributes.map((a) => a.name.toLowerCase()));
    for (const name of names) {
      if (!passes(doc, f, `attr:${name}`)) continue;
      const values = new Set(
        doc.attributes.filter((a) => a.name.toLowerCase() === name).map((a) => a.value.toLowerCase()),
      );
      for (const v of values) bump(name, v);
    }
  }
  return out;
}
