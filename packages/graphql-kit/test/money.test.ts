import { describe, expect, it } from 'vitest';
import { formatMinor, minorDigits, parseDecimalToMinor } from '../src/money.js';

describe('money in minor units', () => {
  it('formats by the currency’s minor digits', () => {
    expect(formatMinor(1999, 'USD')).toBe('19.99');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(0, 'USD')).toBe('0.00');
    expect(formatMinor(1200, 'JPY')).toBe('1200');
    expect(formatMinor(1234, 'KWD')).toBe('1.234');
    expect(formatMinor(-250, 'USD')).toBe('-2.50');
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91');
    expect(() => formatMinor(1.5, 'USD')).toThrow(RangeError);
    expect(minorDigits('XYZ')).toBe(2);
  });

  it('parses plain decimals and refuses anything else', () => {
    expect(parseDecimalToMinor('19.99', 'USD')).toBe(1999);
    expect(parseDecimalToMinor('19.9', 'USD')).toBe(1990);
    expect(parseDecimalToMinor('19', 'USD')).toBe(1900);
    expect(parseDecimalToMinor(' 0.01 ', 'USD')).toBe(1);
    expect(parseDecimalToMinor('1200', 'JPY')).toBe(1200);
    for (const bad of ['19.999', '-1.00', '1e3', '', '.5', '1.', '0x10', '1,00', 'NaN', '12.5']) {
      expect(parseDecimalToMinor(bad, bad === '12.5' ? 'JPY' : 'USD')).toBeNull();
    }
  });

  it('round-trips every amount it formats', () => {
    for (const minor of [0, 1, 9, 10, 99, 100, 101, 123456789]) {
      expect(parseDecimalToMinor(formatMinor(minor, 'USD'), 'USD')).toBe(minor);
    }
  });
});
