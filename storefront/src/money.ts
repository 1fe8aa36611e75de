export type Money = { amount: string; currencyCode: string };

const formats = new Map<string, Intl.NumberFormat>();

/** Formats a decimal-string amount for display only; arithmetic stays on the server. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '';
  let format = formats.get(money.currencyCode);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currencyCode });
    formats.set(money.currencyCode, format);
  }
  return format.format(Number(money.amount));
}
