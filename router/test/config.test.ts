import { ConfigError, parseConfig } from '@storegraph/config';
import { describe, expect, it } from 'vitest';
import { rateTiers, routerConfigSchema, subgraphCallOptions } from '../src/config.js';

const base = { INTERNAL_SECRET: 'x'.repeat(32) };

describe('router config', () => {
  it('has working defaults', () => {
    const config = parseConfig('router', routerConfigSchema, base);
    expect(config).toMatchObject({ MAX_COST: 1_000, MAX_PAGE_SIZE: 100, SAFELIST_MODE: 'off' });
    expect(rateTiers(config).guest).toEqual({ capacity: 2_000, refillPerSecond: 100 });
  });

  it('merges tiers over the defaults and reads per-subgraph timeouts', () => {
    const config = parseConfig('router', routerConfigSchema, {
      ...base,
      RATE_LIMIT_TIERS: '{"partner-gold":{"capacity":5000,"refillPerSecond":250}}',
      SUBGRAPH_TIMEOUTS: 'search=1500,cart=800',
    });
    expect(rateTiers(config)['partner-gold']).toEqual({ capacity: 5_000, refillPerSecond: 250 });
    expect(rateTiers(config).customer?.capacity).toBe(4_000);
    expect(subgraphCallOptions(config).subgraphTimeouts).toEqual({ search: 1_500, cart: 800 });
  });

  it('refuses a tier too small for MAX_COST, bad JSON and bad timeouts, all together', () => {
    const problems = (() => {
      try {
        parseConfig('router', routerConfigSchema, {
          ...base,
          RATE_LIMIT_TIERS: '{"guest":{"capacity":500,"refillPerSecond":5}}',
          SUBGRAPH_TIMEOUTS: 'search:1500',
          SAFELIST_MODE: 'strict',
        });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([
      expect.stringMatching(/^SUBGRAPH_TIMEOUTS: must look like/),
      expect.stringMatching(/^SAFELIST_MODE: /),
    ]);
    expect(() =>
      parseConfig('router', routerConfigSchema, {
        ...base,
        RATE_LIMIT_TIERS: '{"guest":{"capacity":500,"refillPerSecond":5}}',
      }),
    ).toThrow(/RATE_LIMIT_TIERS: tier guest holds 500 points, less than MAX_COST \(1000\)/);
    expect(() => parseConfig('router', routerConfigSchema, { ...base, RATE_LIMIT_TIERS: '{nope' })).toThrow(
      ConfigError,
    );
  });
});
