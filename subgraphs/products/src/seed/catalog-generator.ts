import type { ImageRecord, NameValue, OptionRecord } from '../domain/catalog.records.js';
import {
  type AttributeSpec,
  BRAND_CODAS,
  BRAND_HEADS,
  BRAND_ONSETS,
  BRAND_TAILS,
  CLOSERS,
  COLOR_FAMILY,
  DEPARTMENTS,
  type DepartmentSpec,
  type LeafSpec,
  type OptionSpec,
  type Sentence,
  type SentenceContext,
} from './catalog-data.js';
import { Rng, seedUuid, slugify } from './rng.js';

/**
 * The seed catalog, generated from nothing but constants: the same on every run
 * and machine. Product `i` depends only on `i` (its own generator is seeded with
 * it), so a catalog of N products is the first N of one endless sequence and can
 * be produced in chunks of any size without holding the whole catalog in memory.
 */

/** "Now" for the seed: products were created during the two years before it. */
export const SEED_EPOCH = '2026-10-01T00:00:00.000Z';
const EPOCH_MS = Date.parse(SEED_EPOCH);
const DAY_MS = 86_400_000;
export const CREATED_SPAN_DAYS = 730;
export const MAX_SEED_PRODUCTS = 5_000_000;
export const MAX_VARIANTS = 6;
export const CURRENCY_CODE = 'USD';
const BRANDS_PER_DEPARTMENT = 14;
const IMAGE_SIZE = 800;

/** Streams of the seeded generator: one for the brand list, one per product. */
const SEED = 0x5eedca7a;
const BRAND_STREAM = 0xb4a2d;
const PRODUCT_SEED = 0x9a0d1c75;

export interface SeedCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  position: number;
  /** 0 for departments. */
  depth: number;
  leaf: boolean;
  createdAt: string;
}

export interface SeedBrand {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
}

export interface SeedVariant {
  id: string;
  productId: string;
  sku: string;
  title: string;
  priceMinor: number;
  compareAtMinor: number | null;
  selectedOptions: NameValue[];
  quantityOnHand: number;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface SeedProduct {
  /** Position in the seed sequence. */
  index: number;
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
  /** Two decimals, 1.00 to 5.00; null when unrated. */
  rating: number | null;
  reviewCount: number;
  createdAt: string;
  updatedAt: string;
  variants: SeedVariant[];
}

interface LeafInfo {
  category: SeedCategory;
  department: DepartmentSpec;
  departmentIndex: number;
  spec: LeafSpec;
  attributes: readonly AttributeSpec[];
  optionSets: readonly (readonly OptionSpec[])[];
  price: readonly [number, number];
}

interface CatalogTables {
  categories: SeedCategory[];
  brands: SeedBrand[];
  brandsByDepartment: SeedBrand[][];
  leaves: LeafInfo[];
}

let tables: CatalogTables | undefined;

function catalogTables(): CatalogTables {
  tables ??= buildTables();
  return tables;
}

const iso = (ms: number) => new Date(ms).toISOString();

function buildTables(): CatalogTables {
  const categories: SeedCategory[] = [];
  const leaves: LeafInfo[] = [];
  const categoriesCreated = iso(EPOCH_MS - (CREATED_SPAN_DAYS + 30) * DAY_MS);
  const addCategory = (name: string, parent: SeedCategory | null, position: number, leaf: boolean) => {
    const slug = parent ? `${parent.slug}-${slugify(name)}` : slugify(name);
    const category: SeedCategory = {
      id: seedUuid(`category:${slug}`),
      slug,
      name,
      parentId: parent?.id ?? null,
      position,
      depth: parent ? parent.depth + 1 : 0,
      leaf,
      createdAt: categoriesCreated,
    };
    categories.push(category);
    return category;
  };
  DEPARTMENTS.forEach((department, departmentIndex) => {
    const top = addCategory(department.name, null, departmentIndex, false);
    department.groups.forEach((group, groupIndex) => {
      const middle = addCategory(group.name, top, groupIndex, false);
      group.leaves.forEach((spec, leafIndex) => {
        const category = addCategory(spec.name, middle, leafIndex, true);
        leaves.push({
          category,
          department,
          departmentIndex,
          spec,
          attributes: mergeAttributes(spec.ownAttributes ? [] : department.attributes, spec.attributes ?? []),
          optionSets: spec.optionSets ?? department.optionSets,
          price: spec.price ?? department.price,
        });
      });
    });
  });
  const brandsByDepartment = buildBrands();
  return { categories, brands: brandsByDepartment.flat(), brandsByDepartment, leaves };
}

function mergeAttributes(base: readonly AttributeSpec[], own: readonly AttributeSpec[]): AttributeSpec[] {
  const merged = base.map((a) => own.find((o) => o.name === a.name) ?? a);
  for (const o of own) if (!base.some((a) => a.name === o.name)) merged.push(o);
  return merged;
}

/** Invented brand names, a set per department ("Northwind", "Velora Audio"). */
function buildBrands(): SeedBrand[][] {
  const rng = new Rng(SEED, BRAND_STREAM);
  const usedBases = new Set<string>();
  const brandsCreated = EPOCH_MS - (CREATED_SPAN_DAYS + 30) * DAY_MS;
  let count = 0;
  return DEPARTMENTS.map((department) => {
    const brands: SeedBrand[] = [];
    while (brands.length < BRANDS_PER_DEPARTMENT) {
      const base = rng.chance(0.55)
        ? `${rng.pick(BRAND_HEADS)}${rng.pick(BRAND_TAILS)}`
        : `${rng.pick(BRAND_ONSETS)}${rng.pick(BRAND_CODAS)}`;
      // Skip awkward joins ("Briis", "Acouara") and names already taken.
      if (usedBases.has(base) || /([aeiou])\1|[aeiou]{3}/i.test(base)) continue;
      usedBases.add(base);
      const name = rng.chance(0.3) ? `${base} ${rng.pick(department.brandSuffixes)}` : base;
      const slug = slugify(name);
      brands.push({ id: seedUuid(`brand:${slug}`), slug, name, createdAt: iso(brandsCreated + count * DAY_MS) });
      count++;
    }
    return brands;
  });
}

export function seedCategories(): readonly SeedCategory[] {
  return catalogTables().categories;
}

export function seedBrands(): readonly SeedBrand[] {
  return catalogTables().brands;
}

function assertIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_SEED_PRODUCTS) {
    throw new RangeError(`product index must be an integer in [0, ${MAX_SEED_PRODUCTS})`);
  }
}

export function seedProductId(index: number): string {
  assertIndex(index);
  return seedUuid(`product:${index}`);
}

/** Ids of products [start, end), without generating the products. */
export function seedProductIds(start: number, end: number): string[] {
  const ids: string[] = [];
  for (let i = start; i < end; i++) ids.push(seedProductId(i));
  return ids;
}

/** Products [start, end) of the sequence. */
export function generateProducts(start: number, end: number): SeedProduct[] {
  const products: SeedProduct[] = [];
  for (let i = start; i < end; i++) products.push(generateProduct(i));
  return products;
}

/** The first `count` products in chunks of `chunkSize`, generated as they are consumed. */
export function* productChunks(count: number, chunkSize: number): Generator<SeedProduct[]> {
  for (let start = 0; start < count; start += chunkSize) {
    yield generateProducts(start, Math.min(count, start + chunkSize));
  }
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Whole units to minor units ending in .99, .95 or .00 (round fives above 100). */
function retailPrice(rng: Rng, [low, high]: readonly [number, number]): number {
  const r = rng.next();
  let whole = Math.floor(low + (high - low) * r * r);
  const ending = rng.next();
  if (ending < 0.6) return whole * 100 + 99;
  if (ending < 0.8) return whole * 100 + 95;
  if (whole >= 100) whole = Math.max(100, Math.round(whole / 5) * 5);
  return Math.max(1, whole) * 100;
}

/** Attributes whose value should agree with the title ("Cast Iron Skillet" is cast iron). */
const MATERIAL_ATTRIBUTES = new Set(['Material', 'Upper material']);
const STOP_WORDS = new Set(['and', 'the', 'with']);
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w));

function attributeValue(rng: Rng, spec: AttributeSpec, titleWords: ReadonlySet<string>): string {
  if (spec.values) {
    if (MATERIAL_ATTRIBUTES.has(spec.name)) {
      // Prefer the values sharing the most words with the title.
      const scores = spec.values.map((v) => wordsOf(v).filter((w) => titleWords.has(w)).length);
      const best = Math.max(...scores);
      if (best > 0) return rng.pick(spec.values.filter((_, i) => scores[i] === best));
    }
    return rng.pick(spec.values);
  }
  const [low, high] = spec.range ?? [1, 1];
  const step = spec.step ?? 1;
  const value = Math.round(rng.int(low, high) / step) * step;
  return spec.unit ? `${value} ${spec.unit}` : String(value);
}

interface ChosenOption {
  spec: OptionSpec;
  /** Positions in spec.values. */
  picked: number[];
}

function chooseOptions(rng: Rng, set: readonly OptionSpec[]): ChosenOption[] {
  const chosen = set.map((spec) => {
    const positions = spec.values.map((_, i) => i);
    const count = rng.int(spec.min, Math.min(spec.max, spec.values.length));
    return { spec, picked: spec.contiguous ? rng.run(positions, count) : rng.sample(positions, count) };
  });
  // Keep the cartesian product within MAX_VARIANTS: trim the longest list (from its end,
  // so runs of sizes stay runs).
  let total = chosen.reduce((n, o) => n * o.picked.length, 1);
  while (total > MAX_VARIANTS) {
    const longest = chosen.reduce((a, b) => (b.picked.length > a.picked.length ? b : a));
    longest.picked.pop();
    total = chosen.reduce((n, o) => n * o.picked.length, 1);
  }
  return chosen;
}

/** Every combination of the chosen values, first option outermost. */
function combinations(chosen: readonly ChosenOption[]): number[][] {
  let combos: number[][] = [[]];
  for (const option of chosen) {
    combos = combos.flatMap((combo) => option.picked.map((p) => [...combo, p]));
  }
  return combos.slice(0, MAX_VARIANTS);
}

function skuPrefix(brand: SeedBrand | null, department: DepartmentSpec): string {
  if (!brand) return department.code;
  return brand.slug
    .replace(/[^a-z]/g, '')
    .slice(0, 3)
    .toUpperCase()
    .padEnd(3, 'X');
}

/** Lower case, except for acronyms ("RC Truck" is "RC truck"). */
function lowerNoun(noun: string): string {
  return noun
    .split(' ')
    .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

function describe(rng: Rng, department: DepartmentSpec, context: SentenceContext): string {
  const applicable = (sentences: readonly Sentence[]) =>
    shuffle(rng, sentences)
      .map((s) => s(context))
      .filter((s): s is string => s !== null);
  const intro = applicable(department.intros)[0] ?? `Meet the ${context.title}.`;
  const count = rng.int(2, 4);
  const rest = applicable([...department.details, ...CLOSERS]).slice(0, count - 1);
  return [intro, ...rest].join(' ');
}

/** Product `index` of the seed sequence. */
export function generateProduct(index: number): SeedProduct {
  assertIndex(index);
  const { leaves, brandsByDepartment } = catalogTables();
  const rng = new Rng(PRODUCT_SEED, index);
  const leaf = rng.pick(leaves);
  const { department } = leaf;
  const brand = rng.chance(0.05) ? null : rng.pick(brandsByDepartment[leaf.departmentIndex] ?? []);

  // Title: [brand] [adjective] style noun [model].
  const noun = rng.pick(leaf.spec.nouns);
  const style = rng.pick(leaf.spec.styles);
  const words: string[] = [];
  if (brand && department.brandInTitle) words.push(brand.name);
  if (department.adjectives.length > 0 && rng.chance(department.adjectiveChance)) {
    const adjective = rng.pick(department.adjectives);
    const taken = `${style} ${noun}`.toLowerCase();
    if (!taken.includes(adjective.toLowerCase())) words.push(adjective);
  }
  words.push(style, noun);
  if (department.modelWords && rng.chance(department.modelChance ?? 0)) words.push(rng.pick(department.modelWords));
  const title = words.join(' ');
  const slug = `${slugify(title)}-${index}`;
  const id = seedProductId(index);

  // Options and the variants they make.
  const chosen = chooseOptions(rng, rng.pick(leaf.optionSets));
  const options: OptionRecord[] = chosen.map((o) => ({
    name: o.spec.name,
    values: o.picked.map((p) => o.spec.values[p] as string),
  }));

  const titleWords = new Set(wordsOf(`${style} ${noun}`));
  const attributes: NameValue[] = leaf.attributes.map((spec) => ({
    name: spec.name,
    value: attributeValue(rng, spec, titleWords),
  }));
  if (department.colorFamily) {
    const colors = options.find((o) => o.name === 'Color')?.values ?? [];
    const families = [...new Set(colors.map((c) => COLOR_FAMILY.get(c) ?? 'Assorted'))];
    const family =
      families.length === 0
        ? rng.pick([...new Set(COLOR_FAMILY.values())])
        : families.length === 1
          ? families[0]
          : null;
    attributes.push({ name: 'Color family', value: family ?? 'Assorted' });
  }

  // Prices: a base for the product, steps up for larger sizes, deltas per format.
  const base = retailPrice(rng, leaf.price);
  const onSale = rng.chance(0.2);
  const markup = 1.15 + 0.35 * rng.next();

  // Dates: created within the two years before the epoch, updated since.
  const createdMs = EPOCH_MS - Math.floor(rng.next() * CREATED_SPAN_DAYS * DAY_MS);
  const updatedMs = createdMs + Math.floor(rng.next() * Math.min(EPOCH_MS - createdMs, 180 * DAY_MS));
  const createdAt = iso(createdMs);
  const updatedAt = iso(updatedMs);

  const prefix = skuPrefix(brand, department);
  const code = index.toString(36).toUpperCase().padStart(6, '0');
  const variants: SeedVariant[] = combinations(chosen).map((combo, position) => {
    let priceMinor = base;
    combo.forEach((p, o) => {
      const spec = chosen[o]?.spec;
      const first = chosen[o]?.picked[0] ?? 0;
      if (spec?.stepMinor) priceMinor += (p - first) * spec.stepMinor;
      if (spec?.deltasMinor) priceMinor += spec.deltasMinor[p] ?? 0;
    });
    priceMinor = Math.max(99, priceMinor);
    let compareAtMinor: number | null = null;
    if (onSale) {
      compareAtMinor = Math.ceil((priceMinor * markup) / 100) * 100 - 1;
      if (compareAtMinor <= priceMinor) compareAtMinor += 100;
    }
    const r = rng.next();
    const quantityOnHand = rng.chance(0.1) ? 0 : 1 + Math.floor(240 * r * r);
    const selectedOptions = combo.map((p, o) => ({
      name: chosen[o]?.spec.name ?? '',
      value: chosen[o]?.spec.values[p] ?? '',
    }));
    return {
      id: seedUuid(`product:${index}:variant:${position}`),
      productId: id,
      sku: `${prefix}-${code}-${position + 1}`,
      title: selectedOptions.length > 0 ? selectedOptions.map((s) => s.value).join(' / ') : 'Default',
      priceMinor,
      compareAtMinor,
      selectedOptions,
      quantityOnHand,
      position,
      createdAt,
      updatedAt,
    };
  });
  const prices = variants.map((v) => v.priceMinor);

  // Ratings: about 15% unrated, the rest mostly between 3.5 and 4.8.
  let rating: number | null = null;
  let reviewCount = 0;
  if (!rng.chance(0.15)) {
    const r = rng.next();
    reviewCount = 1 + Math.floor(2999 * r * r * r * r);
    let score = rng.chance(0.1) ? 1 + 4 * rng.next() : rng.normal(4.15, 0.35);
    score = Math.min(5, Math.max(1, score));
    // A handful of whole-star reviews can only average to a multiple of 1/n.
    if (reviewCount <= 20) score = Math.min(5, Math.max(1, Math.round(score * reviewCount) / reviewCount));
    rating = Math.round(score * 100) / 100;
  }

  const imageCount = rng.int(1, 4);
  const images: ImageRecord[] = [];
  for (let n = 1; n <= imageCount; n++) {
    images.push({
      path: `/products/${slug}/${n}.svg`,
      altText: n === 1 ? title : `${title}, view ${n}`,
      width: IMAGE_SIZE,
      height: IMAGE_SIZE,
    });
  }

  const describedNoun = department.genericNoun ?? noun;
  const lastWord = describedNoun.split(' ').at(-1) ?? describedNoun;
  const plural = /[^s]s$/.test(lastWord);
  const description = describe(rng, department, {
    title,
    noun: lowerNoun(describedNoun),
    brand: brand?.name ?? null,
    is: plural ? 'are' : 'is',
    s: plural ? '' : 's',
    this: plural ? 'these' : 'this',
    attr: (name) => attributes.find((a) => a.name === name)?.value,
  });

  return {
    index,
    id,
    slug,
    title,
    description,
    brandId: brand?.id ?? null,
    categoryId: leaf.category.id,
    currencyCode: CURRENCY_CODE,
    attributes,
    options,
    images,
    priceMinMinor: Math.min(...prices),
    priceMaxMinor: Math.max(...prices),
    rating,
    reviewCount,
    createdAt,
    updatedAt,
    variants,
  };
}
