import { z } from 'zod';
import type { CartContentsResult, CartLockResult, CartPort } from '../domain/ports.js';
import { InternalCallError, internalCall } from './internal-http.js';

const Snapshot = z.object({
  cartId: z.string(),
  currencyCode: z.string().length(3),
  lines: z.array(z.object({ lineId: z.string(), variantId: z.string().uuid(), quantity: z.number().int().positive() })),
  lockedUntil: z.string(),
});
const Contents = Snapshot.omit({ lockedUntil: true });
const Refused = z.object({ code: z.enum(['CART_NOT_FOUND', 'CART_LOCKED', 'CART_EMPTY']) });

/** The cart service's internal checkout API. */
export class HttpCartClient implements CartPort {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 3_000,
  ) {}

  async lock(
    cartId: string,
    request: { checkoutId: string; customerId: string | null; ttlSeconds: number },
  ): Promise<CartLockResult> {
    const { status, body } = await internalCall(
      'cart',
      this.secret,
      this.url(`/internal/carts/${encodeURIComponent(cartId)}/checkout`),
      {
        method: 'POST',
        body: { ...request, ttlSeconds: Math.min(request.ttlSeconds, 3_600) },
        timeoutMs: this.timeoutMs,
      },
    );
    if (status === 200) return { status: 'LOCKED', snapshot: Snapshot.parse(body) };
    const refused = Refused.safeParse(body);
    if ((status === 404 || status === 409) && refused.success) return { status: refused.data.code };
    if (status === 404) return { status: 'CART_NOT_FOUND' };
    throw new InternalCallError('cart', status, 'refused the checkout lock');
  }

  async release(cartId: string, checkoutId: string): Promise<void> {
    const path = `/internal/carts/${encodeURIComponent(cartId)}/checkout/${encodeURIComponent(checkoutId)}`;
    const { status } = await internalCall('cart', this.secret, this.url(path), {
      method: 'DELETE',
      timeoutMs: this.timeoutMs,
    });
    if (status !== 200 && status !== 404) throw new InternalCallError('cart', status, 'refused the release');
  }

  async contents(cartId: string, customerId: string | null): Promise<CartContentsResult> {
    const query = customerId ? `?customerId=${encodeURIComponent(customerId)}` : '';
    const { status, body } = await internalCall(
      'cart',
      this.secret,
      this.url(`/internal/carts/${encodeURIComponent(cartId)}${query}`),
      { method: 'GET', timeoutMs: this.timeoutMs },
    );
    if (status === 200) return { status: 'FOUND', contents: Contents.parse(body) };
    const refused = Refused.safeParse(body);
    if ((status === 404 || status === 409) && refused.success && refused.data.code !== 'CART_LOCKED') {
      return { status: refused.data.code };
    }
    if (status === 404) return { status: 'CART_NOT_FOUND' };
    throw new InternalCallError('cart', status, 'refused to read the cart');
  }

  private url(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }
}
