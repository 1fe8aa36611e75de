import { CURRENCY_CODE, minorDigits, parseDecimalToMinor, type UserError, userError } from '@storegraph/graphql-kit';
import type { ImageRecord, NameValue, OptionRecord } from '../domain/catalog.records.js';
import { isActiveCurrency } from './currencies.js';

/** The limits the admin mutations hold a product to. */
export const LIMITS = {
  slug: 200,
  title: 200,
  description: 10_000,
  variants: 100,
  optionText: 50,
  images: 10,
  imageUrl: 2048,
  attributes: 50,
  attributeText: 100,
  quantity: 1_000_000,
  /** In major units of the product's currency. */
  priceMajor: 1_000_000,
} as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SKU = /^[A-Za-z0-9._-]{1,64}$/;
const LINE_BREAKS = new Set(['\t', '\n', '\r']);

/** Holds a C0 control character or DEL; a description may still hold tabs and line breaks. */
function hasControl(text: string, allowLineBreaks = false): boolean {
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 || code === 0x7f) && !(allowLineBreaks && LINE_BREAKS.has(ch))) return true;
  }
  return false;
}

/** A media path: no `..`, no query, no scheme. */
const MEDIA_PATH = /^\/products\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

export interface NameValueRequest {
  name: string;
  value: string;
}

export interface VariantRequest {
  sku: string;
  title: string;
  price: string;
  compareAtPrice?: string | null;
  selectedOptions: NameValueRequest[];
  quantityOnHand: number;
}

/** A product as a client sends it (ProductInput). */
export interface ProductRequest {
  slug: string;
  title: string;
  description: string;
  brandSlug?: string | null;
  categorySlug: string;
  currencyCode: string;
  imageUrls?: string[] | null;
  attributes?: NameValueRequest[] | null;
  variants: VariantRequest[];
}

/** The changes of ProductUpdateInput: a key that is absent does not change. */
export interface ProductChangeRequest {
  title?: string | null;
  description?: string | null;
  brandSlug?: string | null;
  categorySlug?: string | null;
  attributes?: NameValueRequest[] | null;
}

export interface VariantDraft {
  sku: string;
  title: string;
  priceMinor: number;
  compareAtMinor: number | null;
  selectedOptions: NameValue[];
  quantityOnHand: number;
  position: number;
}

/** A checked product, still naming its category and brand by slug. */
export interface ProductDraft {
  slug: string;
  title: string;
  description: string;
  brandSlug: string | null;
  categorySlug: string;
  currencyCode: string;
  images: ImageRecord[];
  attributes: NameValue[];
  options: OptionRecord[];
  variants: VariantDraft[];
  priceMinMinor: number;
  priceMaxMinor: number;
}

export interface Checked<T> {
  draft: T | null;
  errors: UserError[];
}

const length = (value: string) => [...value].length;
const path = (...parts: Array<string | number>) => parts.map(String);

export function checkSlug(slug: string, field: string[]): UserError | null {
  return SLUG.test(slug) && slug.length <= LIMITS.slug
    ? null
    : userError(
        'INVALID_SLUG',
        `The slug must be lower-case letters and digits joined by single hyphens, at most ${LIMITS.slug} characters.`,
        field,
      );
}

export function checkTitle(raw: string, field: string[]): { value: string; error: UserError | null } {
  const value = raw.trim();
  const ok = length(value) >= 1 && length(value) <= LIMITS.title && !hasControl(value);
  return {
    value,
    error: ok ? null : userError('INVALID_TITLE', `The title must have 1 to ${LIMITS.title} characters.`, field),
  };
}

export function checkDescription(raw: string, field: string[]): { value: string; error: UserError | null } {
  const value = raw.trim();
  const ok = length(value) <= LIMITS.description && !hasControl(value, true);
  return {
    value,
    error: ok
      ? null
      : userError('INVALID_DESCRIPTION', `The description may have at most ${LIMITS.description} characters.`, field),
  };
}

export function checkCurrency(code: string, field: string[]): UserError | null {
  return CURRENCY_CODE.test(code) && isActiveCurrency(code)
    ? null
    : userError('INVALID_CURRENCY', 'The currency must be an active ISO 4217 code such as USD or EUR.', field);
}

/**
 * A price in minor units: a plain decimal with at most the currency's minor digits,
 * above zero and at most LIMITS.priceMajor major units; null when it is not one.
 */
export function priceToMinor(amount: string, currencyCode: string): number | null {
  const minor = parseDecimalToMinor(amount, currencyCode);
  if (minor === null || amount !== amount.trim()) return null;
  return minor > 0 && minor <= LIMITS.priceMajor * 10 ** minorDigits(currencyCode) ? minor : null;
}

export function invalidPrice(currencyCode: string, field: string[]): UserError {
  return userError(
    'INVALID_PRICE',
    `The price must be a decimal above 0 and at most ${LIMITS.priceMajor} with at most ${minorDigits(currencyCode)} decimals.`,
    field,
  );
}

export function isValidQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= 0 && quantity <= LIMITS.quantity;
}

export function invalidQuantity(field: string[]): UserError {
  return userError('INVALID_QUANTITY', `The quantity must be a whole number from 0 to ${LIMITS.quantity}.`, field);
}

export function checkAttributes(
  attributes: NameValueRequest[],
  field: string[],
): { value: NameValue[]; errors: UserError[] } {
  const errors: UserError[] = [];
  if (attributes.length > LIMITS.attributes) {
    errors.push(userError('INVALID_ATTRIBUTE', `At most ${LIMITS.attributes} attributes.`, field));
  }
  const fits = (text: string) => length(text) >= 1 && length(text) <= LIMITS.attributeText && !hasControl(text);
  const value = attributes.map((a, i) => {
    const name = a.name.trim();
    const text = a.value.trim();
    if (!fits(name) || !fits(text)) {
      errors.push(
        userError(
          'INVALID_ATTRIBUTE',
          `An attribute's name and value must have 1 to ${LIMITS.attributeText} characters.`,
          [...field, String(i)],
        ),
      );
    }
    return { name, value: text };
  });
  return { value, errors };
}

function checkImages(urls: string[], errors: UserError[]): ImageRecord[] {
  if (urls.length > LIMITS.images) {
    errors.push(userError('INVALID_IMAGE_URL', `At most ${LIMITS.images} images.`, path('input', 'imageUrls')));
  }
  urls.forEach((url, i) => {
    if (!isImageUrl(url)) {
      errors.push(
        userError(
          'INVALID_IMAGE_URL',
          'An image must be an https:// URL or a path under /products/.',
          path('input', 'imageUrls', i),
        ),
      );
    }
  });
  // Absolute URLs are stored as the path; the Image.url resolver decides how to serve them.
  return urls.map((url) => ({ path: url, altText: null, width: null, height: null }));
}

function isImageUrl(url: string): boolean {
  if (url.length > LIMITS.imageUrl) return false;
  if (url.startsWith('/')) return MEDIA_PATH.test(url) && !url.split('/').includes('..');
  if (!url.startsWith('https://')) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** The options of a product: names in first-seen order, each with its distinct values. */
export function deriveOptions(variants: Array<{ selectedOptions: NameValue[] }>): OptionRecord[] {
  const options = new Map<string, string[]>();
  for (const variant of variants) {
    for (const { name, value } of variant.selectedOptions) {
      const values = options.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      options.set(name, values);
    }
  }
  return [...options].map(([name, values]) => ({ name, values }));
}

function checkVariants(input: ProductRequest, currencyValid: boolean, errors: UserError[]): VariantDraft[] {
  const { variants, currencyCode } = input;
  if (variants.length < 1 || variants.length > LIMITS.variants) {
    errors.push(
      userError('INVALID_VARIANTS', `A product has 1 to ${LIMITS.variants} variants.`, path('input', 'variants')),
    );
  }
  const skus = new Set<string>();
  const combinations = new Set<string>();
  let optionNames: string | null = null;
  const fitsOption = (text: string) => length(text) >= 1 && length(text) <= LIMITS.optionText && !hasControl(text);

  return variants.map((v, i) => {
    const at = (...rest: Array<string | number>) => path('input', 'variants', i, ...rest);
    if (!SKU.test(v.sku)) {
      errors.push(
        userError('INVALID_SKU', 'A SKU has 1 to 64 letters, digits, dots, underscores or hyphens.', at('sku')),
      );
    } else if (skus.has(v.sku)) {
      errors.push(userError('SKU_TAKEN', `SKU ${v.sku} appears more than once.`, at('sku')));
    }
    skus.add(v.sku);

    const title = checkTitle(v.title, at('title'));
    if (title.error) errors.push(title.error);

    const priceMinor = currencyValid ? priceToMinor(v.price, currencyCode) : null;
    if (currencyValid && priceMinor === null) errors.push(invalidPrice(currencyCode, at('price')));

    let compareAtMinor: number | null = null;
    if (v.compareAtPrice != null && currencyValid) {
      compareAtMinor = priceToMinor(v.compareAtPrice, currencyCode);
      if (compareAtMinor === null || (priceMinor !== null && compareAtMinor <= priceMinor)) {
        errors.push(
          userError(
            'INVALID_COMPARE_AT_PRICE',
            'The compare-at price must be a valid price greater than the price.',
            at('compareAtPrice'),
          ),
        );
      }
    }

    if (!isValidQuantity(v.quantityOnHand)) errors.push(invalidQuantity(at('quantityOnHand')));

    const selectedOptions = v.selectedOptions.map((o) => ({ name: o.name.trim(), value: o.value.trim() }));
    const names = selectedOptions.map((o) => o.name);
    const badOption = selectedOptions.findIndex(
      (o, j) => !fitsOption(o.name) || !fitsOption(o.value) || names.indexOf(o.name) !== j,
    );
    if (badOption >= 0) {
      errors.push(
        userError(
          'INVALID_OPTION',
          `Each option has a distinct name and a value, 1 to ${LIMITS.optionText} characters each.`,
          at('selectedOptions', badOption),
        ),
      );
    } else {
      // Every variant picks a value for the same options; otherwise the options of the product are ambiguous.
      const nameKey = JSON.stringify([...names].sort());
      optionNames ??= nameKey;
      if (nameKey !== optionNames) {
        errors.push(
          userError('INVALID_OPTION', 'Every variant must select the same option names.', at('selectedOptions')),
        );
      } else {
        const combination = JSON.stringify([...selectedOptions].sort((a, b) => (a.name < b.name ? -1 : 1)));
        if (combinations.has(combination)) {
          errors.push(
            userError('DUPLICATE_VARIANT', 'Another variant has the same option values.', at('selectedOptions')),
          );
        }
        combinations.add(combination);
      }
    }
    return {
      sku: v.sku,
      title: title.value,
      priceMinor: priceMinor ?? 0,
      compareAtMinor,
      selectedOptions,
      quantityOnHand: v.quantityOnHand,
      position: i,
    };
  });
}

/** Every problem of a new product that needs no database, or the draft to store. */
export function checkProduct(input: ProductRequest): Checked<ProductDraft> {
  const errors: UserError[] = [];
  const slugError = checkSlug(input.slug, path('input', 'slug'));
  if (slugError) errors.push(slugError);
  const title = checkTitle(input.title, path('input', 'title'));
  if (title.error) errors.push(title.error);
  const description = checkDescription(input.description, path('input', 'description'));
  if (description.error) errors.push(description.error);
  const currencyError = checkCurrency(input.currencyCode, path('input', 'currencyCode'));
  if (currencyError) errors.push(currencyError);
  const images = checkImages(input.imageUrls ?? [], errors);
  const attributes = checkAttributes(input.attributes ?? [], path('input', 'attributes'));
  errors.push(...attributes.errors);
  const variants = checkVariants(input, currencyError === null, errors);
  if (errors.length > 0) return { draft: null, errors };

  const prices = variants.map((v) => v.priceMinor);
  return {
    errors,
    draft: {
      slug: input.slug,
      title: title.value,
      description: description.value,
      brandSlug: input.brandSlug ?? null,
      categorySlug: input.categorySlug,
      currencyCode: input.currencyCode,
      images,
      attributes: attributes.value,
      options: deriveOptions(variants),
      variants,
      priceMinMinor: Math.min(...prices),
      priceMaxMinor: Math.max(...prices),
    },
  };
}
