import { ConfigError, parseConfig } from '@storegraph/config';
import { describe, expect, it } from 'vitest';
import { ordersConfigSchema } from '../src/config.js';
import { TestPaymentProvider } from '../src/payments/test.provider.js';

const base = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/orders',
  INTERNAL_SECRET: 'x'.repeat(32),
  ORDER_TOKEN_SECRET: 'y'.repeat(32),
};

const problems = (env: Record<string, string>) => {
  try {
    parseConfig('orders', ordersConfigSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('orders configuration', () => {
  it('enables the TEST provider by default in development', () => {
    expect(parseConfig('orders', ordersConfigSchema, base).PAYMENT_PROVIDERS).toEqual(['TEST']);
  });

  it('never enables TEST in production, in config or in the provider itself', () => {
    expect(problems({ ...base, NODE_ENV: 'production' })).toEqual([
      'PAYMENT_PROVIDERS: TEST is never enabled in production',
    ]);
    expect(
      () => new TestPaymentProvider({ nodeEnv: 'production', delayMs: 0, onDeliveryError: () => undefined }),
    ).toThrow(/never enabled in production/);
  });

  it('requires the secrets of every enabled provider from the environment, and reports them all at once', () => {
    expect(problems({ ...base, PAYMENT_PROVIDERS: 'stripe,paypal' }).sort()).toEqual([
      'PAYPAL_CLIENT_ID: is required when PAYPAL is enabled',
      'PAYPAL_CLIENT_SECRET: is required when PAYPAL is enabled',
      'PAYPAL_WEBHOOK_ID: is required when PAYPAL is enabled',
      'STRIPE_SECRET_KEY: is required when STRIPE is enabled',
      'STRIPE_WEBHOOK_SECRET: is required when STRIPE is enabled',
    ]);
    expect(problems({ ...base, PAYMENT_PROVIDERS: 'BITCOIN' })[0]).toMatch(/^PAYMENT_PROVIDERS/);
    expect(problems({ DATABASE_URL: base.DATABASE_URL, INTERNAL_SECRET: base.INTERNAL_SECRET })).toEqual([
      'ORDER_TOKEN_SECRET: Invalid input: expected string, received undefined',
    ]);
  });
});
