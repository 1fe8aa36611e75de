import { Money } from './common-types.js';

/** ISO 4217 currencies whose minor unit is not two digits. */
const MINOR_DIGITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export const CURRENCY_CODE = /^[A-Z]{3}$/;

export function minorDigits(currencyCode: string): number {
  return MINOR_DIGITS[currencyCode] ?? 2;
}

/** 1999 minor units of USD -> "19.99"; exact for every safe integer. */
export function formatMinor(amountMinor: number, currencyCode: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError('amount must be a safe integer of minor units');
  const digits = minorDigits(currencyCode);
  const negative = amountMinor < 0;
  const raw = Math.abs(amountMinor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits === 0 ? raw : raw.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${raw.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * "19.99" -> 1999 for USD. Returns null for anything that is not a plain
 * non-negative decimal with at most the currency's minor digits.
 */
export function parseDecimalToMinor(amount: string, currencyCode: string): number | null {
  const digits = minorDigits(currencyCode);
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

export function money(amountMinor: number, currencyCode: string): Money {
  return Object.assign(new Money(), { amount: formatMinor(amountMinor, currencyCode), currencyCode });
}
