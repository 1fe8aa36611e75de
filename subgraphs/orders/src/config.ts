import { accessTokenEnv, env, loadConfig, z } from '@storegraph/config';

const PROVIDERS = ['STRIPE', 'PAYPAL', 'TEST'] as const;
const secret = (what: string) => z.string().min(8, `must be the ${what}`).optional();

export const ordersConfigSchema = z
  .object({
    ...accessTokenEnv,
    NODE_ENV: env.nodeEnv(),
    PORT: env.port(4004),
    HOST: env.host(),
    METRICS_PORT: env.metricsPort(9468),
    LOG_LEVEL: env.logLevel(),
    DATABASE_URL: env.postgresUrl(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(10),
    MIGRATE_ON_START: env.boolean(true),
    /** Order events are published to BullMQ queues in this Redis. */
    REDIS_URL: env.redisUrl().default('redis://127.0.0.1:6379/0'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/)
      .default('sg:queues'),
    /** Services called during checkout (internal APIs, signed with INTERNAL_SECRET). */
    CART_URL: env.httpUrl().default('http://127.0.0.1:4003'),
    PRODUCTS_URL: env.httpUrl().default('http://127.0.0.1:4002'),
    USERS_GRAPHQL_URL: env.httpUrl().default('http://127.0.0.1:4001/graphql'),
    SERVICE_TIMEOUT_MS: env.milliseconds(5_000),
    /** Derives guests' order tokens; at least 32 characters. */
    ORDER_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /** Stock and the cart are held this long for the payment; unpaid orders are cancelled a minute before. */
    RESERVATION_TTL_SECONDS: z.coerce.number().int().min(120).max(3_600).default(900),
    /** Checkouts this process runs at once; more wait their turn up to CHECKOUT_QUEUE_MS, then are told to retry. */
    CHECKOUT_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(32),
    /** Below the router's subgraph timeout (5 s), so a busy answer arrives before the router gives up. */
    CHECKOUT_QUEUE_MS: env.milliseconds(3_000),
    /** Recovery of interrupted checkouts, expiry of unpaid orders, reconciliation of payments. */
    MAINTENANCE_INTERVAL_MS: env.milliseconds(15_000),
    /** Comma-separated: STRIPE, PAYPAL, TEST. TEST is refused when NODE_ENV=production. */
    PAYMENT_PROVIDERS: z
      .string()
      .default('TEST')
      .transform((v) => [...new Set(v.split(',').map((p) => p.trim().toUpperCase()))].filter(Boolean))
      .pipe(z.array(z.enum(PROVIDERS))),
    TEST_PAYMENT_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(200),
    STRIPE_SECRET_KEY: secret('Stripe secret key (sk_...)'),
    STRIPE_WEBHOOK_SECRET: secret('Stripe webhook signing secret (whsec_...)'),
    PAYPAL_CLIENT_ID: secret('PayPal REST client id'),
    PAYPAL_CLIENT_SECRET: secret('PayPal REST client secret'),
    PAYPAL_WEBHOOK_ID: secret('PayPal webhook id'),
    PAYPAL_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
    /** Where PayPal sends the buyer after approving or cancelling. */
    PAYPAL_RETURN_URL: env.httpUrl().default('http://127.0.0.1:3000/checkout/paypal/return'),
    PAYPAL_CANCEL_URL: env.httpUrl().default('http://127.0.0.1:3000/checkout/paypal/cancel'),
  })
  .superRefine((config, ctx) => {
    const need = (provider: (typeof PROVIDERS)[number], names: Array<keyof typeof config>) => {
      if (!config.PAYMENT_PROVIDERS.includes(provider)) return;
      for (const name of names) {
        if (!config[name])
          ctx.addIssue({ code: 'custom', path: [name], message: `is required when ${provider} is enabled` });
      }
    };
    need('STRIPE', ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
    need('PAYPAL', ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID']);
    if (config.NODE_ENV === 'production' && config.PAYMENT_PROVIDERS.includes('TEST')) {
      ctx.addIssue({ code: 'custom', path: ['PAYMENT_PROVIDERS'], message: 'TEST is never enabled in production' });
    }
  });

export type OrdersConfig = z.infer<typeof ordersConfigSchema>;

export const loadOrdersConfig = () => loadConfig('orders', ordersConfigSchema);
