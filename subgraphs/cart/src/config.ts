import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

export const cartConfigSchema = z.object({
  ...accessTokenEnv,
  PORT: env.port(4003),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379/0'),
  /** Every key this service writes starts with this, so several stores can share a Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/)
    .default('sg:cart:'),
  /** The products subgraph, asked for live prices and stock (one batched call per request). */
  PRODUCTS_URL: env.httpUrl().default('http://127.0.0.1:4002/graphql'),
  CATALOG_TIMEOUT_MS: env.milliseconds(2_000),
  /** Currency an empty cart reports its zero subtotal in. */
  DEFAULT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('USD'),
  /** Carts expire this long after their last change. */
  GUEST_CART_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  CUSTOMER_CART_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  /** Order events (a paid order clears its cart) arrive on a BullMQ queue in REDIS_URL, under this prefix. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('sg:queues'),
});

export type CartConfig = z.infer<typeof cartConfigSchema>;

export const loadCartConfig = () => loadConfig('cart', cartConfigSchema);
