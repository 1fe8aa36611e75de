import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A guest's order token: derived from the order id under a server secret, so a retried
 * checkout can hand the same token out again while only its hash is stored.
 */
export class OrderTokens {
  constructor(private readonly secret: string) {}

  tokenFor(orderId: string): string {
    return createHmac('sha256', this.secret).update(`order-token:${orderId}`).digest('base64url');
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  /** Constant-time comparison of a presented token with a stored hash. */
  static matches(token: string | null | undefined, storedHash: string | null): boolean {
    if (!token || !storedHash || token.length > 200) return false;
    const given = Buffer.from(OrderTokens.hash(token), 'hex');
    const expected = Buffer.from(storedHash, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
