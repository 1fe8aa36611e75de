import { describe, expect, it } from 'vitest';
import { applyBasisPoints, DEFAULT_PRICING, MAX_AMOUNT_MINOR, priceOrder, taxRateOf } from '../src/domain/pricing.js';

describe('pricing', () => {
  it('rounds tax half up to the minor unit, on the whole base, never per line', () => {
    expect(applyBasisPoints(2_899, 725)).toBe(210); // 210.1775
    expect(applyBasisPoints(200, 2_500)).toBe(50); // exact
    expect(applyBasisPoints(2, 2_500)).toBe(1); // 0.5 -> 1 (half up)
    expect(applyBasisPoints(6, 2_500)).toBe(2); // 1.5 -> 2
    expect(applyBasisPoints(1, 4_999)).toBe(0); // 0.4999 -> 0
    // Three lines of 0.10 at 7.25 %: per line each rounds to 0.01 (0.03), on the base 0.30 -> 0.02.
    const priced = priceOrder(
      [1, 2, 3].map(() => ({ unitPriceMinor: 10, quantity: 1 })),
      { country: 'US', region: 'CA' },
      'USD',
    );
    expect(priced).toMatchObject({ ok: true, subtotalMinor: 30, taxMinor: 2 });
  });

  it('charges flat shipping below the threshold and none from it, per country and currency', () => {
    const below = priceOrder([{ unitPriceMinor: 4_999, quantity: 1 }], { country: 'US', region: null }, 'USD');
    const at = priceOrder([{ unitPriceMinor: 5_000, quantity: 1 }], { country: 'US', region: null }, 'USD');
    expect(below).toMatchObject({ ok: true, shippingMinor: 599, taxMinor: 0, totalMinor: 5_598 });
    expect(at).toMatchObject({ ok: true, shippingMinor: 0, totalMinor: 5_000 });
    // A country without its own zone uses the default one.
    expect(priceOrder([{ unitPriceMinor: 1_000, quantity: 1 }], { country: 'JP', region: null }, 'USD')).toMatchObject({
      ok: true,
      shippingMinor: 2_499,
    });
  });

  it('taxes shipping where the country does, and uses a region rate over the country rate', () => {
    // GB 20 % on goods and shipping: (40.00 + 8.99) x 0.2 = 9.798 -> 9.80.
    expect(priceOrder([{ unitPriceMinor: 4_000, quantity: 1 }], { country: 'GB', region: null }, 'USD')).toMatchObject({
      ok: true,
      shippingMinor: 899,
      taxMinor: 980,
      totalMinor: 5_879,
    });
    // US: shipping untaxed; NY 4 %.
    expect(priceOrder([{ unitPriceMinor: 1_000, quantity: 3 }], { country: 'US', region: 'NY' }, 'USD')).toMatchObject({
      taxMinor: 120,
      totalMinor: 3_000 + 599 + 120,
    });
    expect(taxRateOf(DEFAULT_PRICING, 'CA', 'on').rate).toBe(1_300);
    expect(taxRateOf(DEFAULT_PRICING, 'CA', 'YT').rate).toBe(500);
    expect(taxRateOf(DEFAULT_PRICING, 'ZZ', null).rate).toBe(0);
  });

  it('keeps total = subtotal + shipping + tax, exactly, for many baskets', () => {
    for (let i = 1; i < 500; i++) {
      const lines = [
        { unitPriceMinor: (i * 37) % 9_999, quantity: (i % 5) + 1 },
        { unitPriceMinor: (i * 91) % 4_999, quantity: 1 },
      ];
      const p = priceOrder(lines, { country: i % 2 ? 'DE' : 'US', region: i % 3 ? 'TX' : null }, 'EUR');
      if (!p.ok) throw new Error('priced');
      expect(p.totalMinor).toBe(p.subtotalMinor + p.shippingMinor + p.taxMinor);
      expect(p.subtotalMinor).toBe(lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0));
      expect(Number.isInteger(p.taxMinor)).toBe(true);
    }
  });

  it('refuses a currency a zone cannot ship and an order too large for its columns', () => {
    expect(priceOrder([{ unitPriceMinor: 100, quantity: 1 }], { country: 'US', region: null }, 'JPY')).toMatchObject({
      ok: false,
      code: 'SHIPPING_UNAVAILABLE',
    });
    expect(
      priceOrder([{ unitPriceMinor: MAX_AMOUNT_MINOR, quantity: 2 }], { country: 'US', region: null }, 'USD'),
    ).toMatchObject({ ok: false, code: 'ORDER_TOO_LARGE' });
    expect(
      priceOrder([{ unitPriceMinor: MAX_AMOUNT_MINOR - 10, quantity: 1 }], { country: 'GB', region: null }, 'USD'),
    ).toMatchObject({ ok: false, code: 'ORDER_TOO_LARGE' });
  });
});
