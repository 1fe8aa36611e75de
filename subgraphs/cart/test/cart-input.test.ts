import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { variantOfLine } from '../src/domain/cart.js';
import { checkAdditions, checkRemovals, checkUpdates } from '../src/domain/cart-input.js';
import { FakeCatalog } from './fake-catalog.js';

const catalog = new FakeCatalog();
const shirt = catalog.add(2599, 5);
const socks = catalog.add(499, 200);
const yen = catalog.add(1200, 9, 'JPY');
const gone = catalog.add(999, 50);
catalog.set(gone, { discontinued: true });
const offers = catalog.byId;
const CART = 'AAAAAAAAAAAAAAAAAAAAAAAA';

describe('checkAdditions', () => {
  it('merges lines of the same variant at the first line position, with limits per variant', () => {
    const merged = checkAdditions(
      [
        { variantId: shirt, quantity: 2 },
        { variantId: socks, quantity: 1 },
        { variantId: shirt, quantity: 1 },
      ],
      offers,
    );
    expect(merged.errors).toEqual([]);
    expect(merged.lines).toEqual([
      { variantId: shirt, quantity: 3, index: 0 },
      { variantId: socks, quantity: 1, index: 1 },
    ]);
    expect(merged.limits[shirt]).toEqual({ max: 5, available: 5, currencyCode: 'USD' });
    expect(merged.limits[socks]).toEqual({ max: 99, available: 200, currencyCode: 'USD' });
    expect(merged.currencyCode).toBe('USD');
  });

  it('refuses bad quantities, unknown and deleted variants, more than stock and more than 99, with their fields', () => {
    const refused = checkAdditions(
      [
        { variantId: shirt, quantity: 6 },
        { variantId: socks, quantity: 100 },
        { variantId: randomUUID(), quantity: 1 },
        { variantId: socks, quantity: 0 },
        { variantId: gone, quantity: 1 },
        { variantId: 'not-an-id', quantity: 1 },
        { variantId: socks, quantity: 1.5 },
      ],
      offers,
    );
    expect(refused.errors.map((e) => [e.code, e.field?.join('.')])).toEqual([
      ['INVALID_QUANTITY', 'lines.1.quantity'],
      ['INVALID_QUANTITY', 'lines.3.quantity'],
      ['INVALID_QUANTITY', 'lines.6.quantity'],
      ['INSUFFICIENT_STOCK', 'lines.0.quantity'],
      ['VARIANT_NOT_FOUND', 'lines.2.variantId'],
      ['VARIANT_NOT_FOUND', 'lines.4.variantId'],
      ['VARIANT_NOT_FOUND', 'lines.5.variantId'],
    ]);
    expect(refused.errors[3]?.message).toBe('Only 5 available.');
    expect(
      checkAdditions(
        [
          { variantId: socks, quantity: 60 },
          { variantId: socks, quantity: 60 },
        ],
        offers,
      ).errors,
    ).toEqual([expect.objectContaining({ code: 'INVALID_QUANTITY', field: ['lines', '0', 'quantity'] })]);
  });

  it('refuses two currencies and more than 100 lines', () => {
    const mixed = checkAdditions(
      [
        { variantId: shirt, quantity: 1 },
        { variantId: yen, quantity: 1 },
      ],
      offers,
    );
    expect(mixed.errors.map((e) => e.code)).toEqual(['CURRENCY_MISMATCH']);
    const many = new FakeCatalog();
    const lines = Array.from({ length: 101 }, () => ({ variantId: many.add(100, 10), quantity: 1 }));
    expect(checkAdditions(lines, many.byId).errors.map((e) => e.code)).toEqual(['CART_FULL']);
  });
});

describe('line ids', () => {
  it('name a variant of one cart only', () => {
    expect(variantOfLine(CART, `${CART}.${shirt}`)).toBe(shirt);
    expect(variantOfLine(CART, `BBBBBBBBBBBBBBBBBBBBBBBB.${shirt}`)).toBeNull();
    expect(variantOfLine(CART, `${CART}.x`)).toBeNull();
  });

  it('checks updates (0 to 99, the last of a line wins) and removals (this cart only)', () => {
    const lineId = `${CART}.${shirt}`;
    const checked = checkUpdates(CART, [
      { lineId, quantity: 4 },
      { lineId: `${CART}.${socks}`, quantity: 0 },
      { lineId, quantity: 2 },
      { lineId: 'elsewhere', quantity: 1 },
      { lineId, quantity: 100 },
      { lineId, quantity: -1 },
    ]);
    expect(checked.updates).toEqual([
      { lineId: `${CART}.${socks}`, quantity: 0, index: 1 },
      { lineId, quantity: 2, index: 2 },
    ]);
    expect(checked.variantIds).toEqual([shirt]);
    expect(checked.errors.map((e) => [e.code, e.field?.join('.')])).toEqual([
      ['LINE_NOT_FOUND', 'lines.3.lineId'],
      ['INVALID_QUANTITY', 'lines.4.quantity'],
      ['INVALID_QUANTITY', 'lines.5.quantity'],
    ]);
    const removals = checkRemovals(CART, [lineId, lineId, 'x']);
    expect(removals.removals).toEqual([{ lineId, index: 0 }]);
    expect(removals.errors.map((e) => e.field)).toEqual([['lineIds', '2']]);
  });
});
