/**
 * Order pricing, in integer minor units of the order's currency throughout.
 *
 * Rules (tested in test/pricing.test.ts):
 * - Catalog prices exclude tax. A line total is unit price x quantity, exact.
 * - The subtotal is the sum of the line totals, at the prices the catalog returned when
 *   the stock was reserved (never a price a client sent: the API has none).
 * - Shipping is a flat rate per destination country and currency, free when the
 *   subtotal reaches that zone's threshold. A country without its own zone uses the
 *   default zone. A zone without a rate in the order's currency cannot ship it.
 * - Tax is one rate per country, or per country and region where the region has its
 *   own, in basis points (825 = 8.25 %). It applies to the subtotal, and to shipping
 *   where the country taxes shipping. It is computed once on that base (not per line)
 *   and rounded half up to the minor unit: tax = floor((base x bp + 5000) / 10000).
 * - total = subtotal + shipping + tax. Every amount must fit the order columns
 *   (at most 2,147,483,647 minor units), or the order is refused as too large.
 */

export interface ShippingRate {
  flatMinor: number;
  /** Shipping is free when the subtotal is at least this much. */
  freeFromMinor: number;
}

export interface ShippingZone {
  /** Per ISO 4217 currency. */
  rates: Readonly<Record<string, ShippingRate>>;
}

export interface TaxRule {
  basisPoints: number;
  shippingTaxable: boolean;
  /** Region (ISO 3166-2 subdivision code without the country, e.g. CA) -> basis points. */
  regions?: Readonly<Record<string, number>>;
}

export interface PricingTables {
  shipping: Readonly<Record<string, ShippingZone>> & { readonly '*': ShippingZone };
  tax: Readonly<Record<string, TaxRule>>;
}

const rates = (usd: [number, number], eur: [number, number], gbp: [number, number]) => ({
  rates: {
    USD: { flatMinor: usd[0], freeFromMinor: usd[1] },
    EUR: { flatMinor: eur[0], freeFromMinor: eur[1] },
    GBP: { flatMinor: gbp[0], freeFromMinor: gbp[1] },
  },
});

/** The store's tables. */
export const DEFAULT_PRICING: PricingTables = {
  shipping: {
    US: rates([599, 5_000], [599, 5_000], [499, 4_000]),
    CA: rates([1_299, 10_000], [999, 8_000], [899, 7_000]),
    GB: rates([899, 7_500], [799, 6_500], [499, 5_000]),
    DE: rates([999, 8_000], [699, 6_000], [699, 6_000]),
    FR: rates([999, 8_000], [699, 6_000], [699, 6_000]),
    '*': rates([2_499, 25_000], [2_299, 23_000], [1_999, 20_000]),
  },
  tax: {
    US: { basisPoints: 0, shippingTaxable: false, regions: { CA: 725, NY: 400, TX: 625, WA: 650 } },
    CA: { basisPoints: 500, shippingTaxable: true, regions: { ON: 1_300, QC: 1_498, BC: 1_200 } },
    GB: { basisPoints: 2_000, shippingTaxable: true },
    DE: { basisPoints: 1_900, shippingTaxable: true },
    FR: { basisPoints: 2_000, shippingTaxable: true },
  },
};

export const MAX_AMOUNT_MINOR = 2_147_483_647;

export interface PricedLine {
  unitPriceMinor: number;
  quantity: number;
}

export type PricingResult =
  | {
      ok: true;
      lineTotalsMinor: number[];
      subtotalMinor: number;
      shippingMinor: number;
      taxMinor: number;
      totalMinor: number;
    }
  | { ok: false; code: 'SHIPPING_UNAVAILABLE' | 'ORDER_TOO_LARGE'; message: string };

/** Half up to the minor unit, for non-negative amounts: the rounding rule of tax. */
export function applyBasisPoints(baseMinor: number, basisPoints: number): number {
  // BigInt keeps base x rate exact beyond 2^53.
  return Number((BigInt(baseMinor) * BigInt(basisPoints) + 5_000n) / 10_000n);
}

export function taxRateOf(tables: PricingTables, country: string, region: string | null): TaxRule & { rate: number } {
  const rule = tables.tax[country] ?? { basisPoints: 0, shippingTaxable: false };
  const regional = region ? rule.regions?.[region.toUpperCase()] : undefined;
  return { ...rule, rate: regional ?? rule.basisPoints };
}

export function priceOrder(
  lines: readonly PricedLine[],
  destination: { country: string; region: string | null },
  currencyCode: string,
  tables: PricingTables = DEFAULT_PRICING,
): PricingResult {
  const tooLarge = { ok: false, code: 'ORDER_TOO_LARGE', message: 'The order is too large to be placed.' } as const;
  const lineTotalsMinor = lines.map((l) => l.unitPriceMinor * l.quantity);
  const subtotalMinor = lineTotalsMinor.reduce((a, b) => a + b, 0);
  if (lineTotalsMinor.some((t) => t > MAX_AMOUNT_MINOR) || subtotalMinor > MAX_AMOUNT_MINOR) return tooLarge;
  const zone = tables.shipping[destination.country] ?? tables.shipping['*'];
  const rate = zone.rates[currencyCode];
  if (!rate) {
    return {
      ok: false,
      code: 'SHIPPING_UNAVAILABLE',
      message: `Orders in ${currencyCode} cannot be shipped to ${destination.country}.`,
    };
  }
  const shippingMinor = subtotalMinor >= rate.freeFromMinor ? 0 : rate.flatMinor;
  const tax = taxRateOf(tables, destination.country, destination.region);
  const taxMinor = applyBasisPoints(subtotalMinor + (tax.shippingTaxable ? shippingMinor : 0), tax.rate);
  const totalMinor = subtotalMinor + shippingMinor + taxMinor;
  if (totalMinor > MAX_AMOUNT_MINOR) return tooLarge;
  return { ok: true, lineTotalsMinor, subtotalMinor, shippingMinor, taxMinor, totalMinor };
}
