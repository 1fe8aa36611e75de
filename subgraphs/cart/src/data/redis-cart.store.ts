import { serviceUnavailable } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import type { Redis } from 'ioredis';
import type { CartRecord, CartStore } from '../domain/cart.js';

/**
 * Carts as JSON documents under `<prefix>cart:<id>`, expiring on their own.
 * Redis failures become SERVICE_UNAVAILABLE at once (the client is built with no
 * offline queue), so a Redis outage never hangs a request.
 */
export class RedisCartStore implements CartStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  private key(id: string) {
    return `${this.prefix}cart:${id}`;
  }

  private async guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.logger.error({ err: error, operation }, 'cart storage failed');
      throw serviceUnavailable('Carts are unavailable right now; please retry shortly.');
    }
  }

  async create(cart: CartRecord, ttlSeconds: number): Promise<void> {
    const stored = await this.guarded('create', () =>
      this.redis.set(this.key(cart.id), JSON.stringify(cart), 'EX', ttlSeconds, 'NX'),
    );
    if (stored !== 'OK') throw new Error('cart id collision');
  }

  async get(id: string): Promise<CartRecord | null> {
    const raw = await this.guarded('get', () => this.redis.get(this.key(id)));
    return raw ? (JSON.parse(raw) as CartRecord) : null;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}
