import { z } from 'zod';
import type { InventoryPort, QuoteOutcome, ReserveOutcome } from '../domain/ports.js';
import { InternalCallError, internalCall } from './internal-http.js';

const SaleLines = z.array(
  z.object({
    variantId: z.string().uuid(),
    productId: z.string().uuid(),
    sku: z.string(),
    productTitle: z.string(),
    variantTitle: z.string(),
    quantity: z.number().int().positive(),
    unitPriceMinor: z.number().int().nonnegative(),
    currencyCode: z.string().length(3),
  }),
);
const Reserved = z.object({ status: z.enum(['RESERVED', 'COMMITTED']), expiresAt: z.string(), lines: SaleLines });
const Priced = z.object({ status: z.literal('PRICED'), lines: SaleLines });
const Short = z.object({
  status: z.enum(['OUT_OF_STOCK', 'VARIANT_NOT_FOUND']),
  shortages: z.array(
    z.object({
      variantId: z.string(),
      requested: z.number().int(),
      available: z.number().int(),
      reason: z.enum(['INSUFFICIENT_STOCK', 'VARIANT_NOT_FOUND']),
    }),
  ),
});

/** The products service's internal inventory API (reservations). */
export class HttpInventoryClient implements InventoryPort {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async reserve(
    orderId: string,
    lines: Array<{ variantId: string; quantity: number }>,
    ttlSeconds: number,
  ): Promise<ReserveOutcome> {
    const { status, body } = await internalCall('products', this.secret, this.url('/internal/inventory/reservations'), {
      method: 'POST',
      body: { orderId, lines, ttlSeconds },
      timeoutMs: this.timeoutMs,
    });
    if (status === 200) {
      const reserved = Reserved.parse(body);
      return { status: 'RESERVED', expiresAt: new Date(reserved.expiresAt), lines: reserved.lines };
    }
    const short = Short.safeParse(body);
    if (short.success) return short.data;
    if (status === 409 && (body as { code?: string } | null)?.code === 'RESERVATION_RELEASED') {
      return { status: 'RESERVATION_RELEASED' };
    }
    throw new InternalCallError('products', status, 'refused the reservation');
  }

  async quote(lines: Array<{ variantId: string; quantity: number }>): Promise<QuoteOutcome> {
    const { status, body } = await internalCall('products', this.secret, this.url('/internal/inventory/quotes'), {
      method: 'POST',
      body: { lines },
      timeoutMs: this.timeoutMs,
    });
    if (status === 200) return Priced.parse(body);
    const short = Short.safeParse(body);
    if (short.success) return short.data;
    throw new InternalCallError('products', status, 'refused the quote');
  }

  async release(orderId: string): Promise<void> {
    const path = `/internal/inventory/reservations/${encodeURIComponent(orderId)}/release`;
    const { status, body } = await internalCall('products', this.secret, this.url(path), {
      method: 'POST',
      timeoutMs: this.timeoutMs,
    });
    // A sold reservation is not ours to release any more; nothing to undo.
    if (status === 200 || (body as { code?: string } | null)?.code === 'ALREADY_COMMITTED') return;
    throw new InternalCallError('products', status, 'refused the release');
  }

  private url(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }
}
