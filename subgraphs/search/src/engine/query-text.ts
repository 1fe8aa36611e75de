/** Pure text helpers shared by the engines and the API layer (no SQL, no GraphQL). */

/** Trims, collapses whitespace and composes accents (NFC). */
export function normalizeText(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** At most this many words of a query are searched; the rest is ignored. */
export const MAX_QUERY_WORDS = 16;

/**
 * The searchable words of a query: runs of Unicode letters, marks and digits,
 * lower-cased. Everything else (quotes, operators, `:*`, backslashes...) only
 * separates words, so no input can reach a query parser as syntax.
 */
export function queryWords(text: string): string[] {
  return (
    normalizeText(text)
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  ).slice(0, MAX_QUERY_WORDS);
}

/**
 * A non-negative decimal of major units ("19.99", "20", "0.125") as an exact
 * integer of thousandths (19990, 20000, 125), or null when it is not one.
 */
export function parseMajorDecimal(text: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
}

/** The price facet's buckets in major units; both ends inclusive, like the price filter. */
export const PRICE_BUCKETS: ReadonlyArray<{ min: number; max: number | null }> = [
  { min: 0, max: 25 },
  { min: 25, max: 50 },
  { min: 50, max: 100 },
  { min: 100, max: 200 },
  { min: 200, max: 500 },
  { min: 500, max: null },
];

export const priceBucketValue = (b: { min: number; max: number | null }) =>
  b.max === null ? `${b.min}+` : `${b.min}-${b.max}`;

export const priceBucketLabel = (b: { min: number; max: number | null }) =>
  b.max === null ? `${b.min} and above` : `${b.min} – ${b.max}`;

/** The rating facet's thresholds: "4" means 4 stars and up. */
export const RATING_THRESHOLDS: readonly number[] = [4, 3, 2, 1];
