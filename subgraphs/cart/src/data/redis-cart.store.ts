import { createHash } from 'node:crypto';
import { serviceUnavailable } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import type { Redis } from 'ioredis';
import {
  type CartLineRecord,
  type CartRecord,
  MAX_LINE_QUANTITY,
  MAX_LINES,
  ORDER_CLEARED_TTL_SECONDS,
} from '../domain/cart.js';
import type { CartOutcome, CartProblem, CartStore, CartTarget, LockOutcome } from '../domain/cart-store.js';
import { CART_SCRIPTS, type CartScriptName } from './cart-scripts.js';

export interface CartExpiry {
  guestSeconds: number;
  customerSeconds: number;
}

/** Redis' cjson writes empty arrays as `{}`; anything not an array is read as empty. */
const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** A stored cart as the rest of the service sees it (absent fields made explicit). */
export function cartFromStored(raw: unknown): CartRecord {
  const stored = raw as Partial<CartRecord> & { id: string; lines?: unknown };
  return {
    id: stored.id,
    ownerId: typeof stored.ownerId === 'string' ? stored.ownerId : null,
    currencyCode: typeof stored.currencyCode === 'string' ? stored.currencyCode : null,
    lines: asArray<CartLineRecord>(stored.lines),
    createdAt: Number(stored.createdAt),
    updatedAt: Number(stored.updatedAt),
    lock: stored.lock && typeof stored.lock === 'object' ? stored.lock : null,
  };
}

function outcomeFrom(answer: { cart?: unknown; problems?: unknown }): CartOutcome {
  return {
    cart: answer.cart ? cartFromStored(answer.cart) : null,
    problems: asArray<CartProblem>(answer.problems),
  };
}

/**
 * Carts as JSON documents under `<prefix>cart:<id>`, changed only by the Lua scripts
 * of cart-scripts.ts, so every read-check-write is atomic and concurrent writes never
 * lose a line. Redis failures become SERVICE_UNAVAILABLE at once (the client is built
 * with no offline queue), so a Redis outage never hangs a request.
 */
export class RedisCartStore implements CartStore {
  private readonly shas = new Map<CartScriptName, string>(
    Object.entries(CART_SCRIPTS).map(([name, source]) => [
      name as CartScriptName,
      createHash('sha1').update(source).digest('hex'),
    ]),
  );

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly expiry: CartExpiry,
  ) {}

  private async guarded<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.logger.error({ err: error, operation }, 'cart storage failed');
      throw serviceUnavailable('Carts are unavailable right now; please retry shortly.');
    }
  }

  /** Runs a script by its digest, loading it on the first NOSCRIPT (after a restart or a flush). */
  private run<T>(name: CartScriptName, input: Record<string, unknown>): Promise<T> {
    return this.guarded(name, async () => {
      const args = [
        this.prefix,
        this.expiry.guestSeconds,
        this.expiry.customerSeconds,
        JSON.stringify({ maxQuantity: MAX_LINE_QUANTITY, maxLines: MAX_LINES, ...input }),
      ];
      let answer: unknown;
      try {
        answer = await this.redis.evalsha(this.shas.get(name) as string, 0, ...args);
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
        answer = await this.redis.eval(CART_SCRIPTS[name], 0, ...args);
      }
      return JSON.parse(String(answer)) as T;
    });
  }

  async get(id: string): Promise<CartRecord | null> {
    const raw = await this.guarded('get', () => this.redis.get(`${this.prefix}cart:${id}`));
    return raw ? cartFromStored(JSON.parse(raw)) : null;
  }

  async customerCart(customerId: string, newCartId: string): Promise<CartRecord> {
    const answer = await this.run<{ cart: unknown }>('customerCart', { customerId, newCartId });
    return cartFromStored(answer.cart);
  }

  async addLines(target: CartTarget, request: Parameters<CartStore['addLines']>[1]): Promise<CartOutcome> {
    return outcomeFrom(await this.run('addLines', { target, ...request }));
  }

  async updateLines(target: CartTarget, request: Parameters<CartStore['updateLines']>[1]): Promise<CartOutcome> {
    return outcomeFrom(await this.run('updateLines', { target, ...request }));
  }

  async removeLines(target: CartTarget, request: Parameters<CartStore['removeLines']>[1]): Promise<CartOutcome> {
    return outcomeFrom(await this.run('removeLines', { target, ...request }));
  }

  async merge(request: Parameters<CartStore['merge']>[0]): Promise<CartOutcome | 'stale'> {
    const answer = await this.run<{ stale?: boolean; cart?: unknown; problems?: unknown }>('merge', request);
    return answer.stale ? 'stale' : outcomeFrom(answer);
  }

  async lockForCheckout(cartId: string, request: Parameters<CartStore['lockForCheckout']>[1]): Promise<LockOutcome> {
    const answer = await this.run<{ status: LockOutcome['status']; cart?: unknown }>('lock', { cartId, ...request });
    return answer.status === 'LOCKED'
      ? { status: 'LOCKED', cart: cartFromStored(answer.cart) }
      : { status: answer.status as Exclude<LockOutcome['status'], 'LOCKED'> };
  }

  async releaseCheckout(cartId: string, checkoutId: string): Promise<boolean> {
    return (await this.run<{ released: boolean }>('release', { cartId, checkoutId })).released;
  }

  clearForOrder(request: Parameters<CartStore['clearForOrder']>[0]): Promise<{ cleared: boolean; duplicate: boolean }> {
    return this.run('clearForOrder', { ...request, markerTtlSeconds: ORDER_CLEARED_TTL_SECONDS });
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}
