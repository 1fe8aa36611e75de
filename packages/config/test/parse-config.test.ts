import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, env, parseConfig, z } from '../src/index.js';

const schema = z.object({
  PORT: env.port(4001),
  HOST: env.host(),
  LOG_LEVEL: env.logLevel(),
  NODE_ENV: env.nodeEnv(),
  DEBUG_SQL: env.boolean(false),
  REQUEST_TIMEOUT_MS: env.milliseconds(2_000),
  DATABASE_URL: env.postgresUrl(),
});

const goodUrl = 'postgresql://shop:pw@127.0.0.1:5432/shop';

/** Runs parseConfig and returns the ConfigError it throws (fails the test if it does not throw one). */
function configErrorOf(vars: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig('orders', schema, vars);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('parseConfig accepted a bad environment');
}

/** The variable names a ConfigError's problems are about, sorted and deduplicated. */
function namesIn(error: ConfigError): string[] {
  return [...new Set(error.problems.map((p) => p.slice(0, p.indexOf(':'))))].sort();
}

describe('parseConfig', () => {
  it('returns typed values, filling defaults and coercing strings', () => {
    const config = parseConfig('orders', schema, {
      PORT: '8080',
      DEBUG_SQL: '1',
      REQUEST_TIMEOUT_MS: '250',
      DATABASE_URL: goodUrl,
      UNRELATED: 'ignored',
    });
    expect(config).toEqual({
      PORT: 8080,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      DEBUG_SQL: true,
      REQUEST_TIMEOUT_MS: 250,
      DATABASE_URL: goodUrl,
    });
    expect(typeof config.PORT).toBe('number');
    expect(typeof config.DEBUG_SQL).toBe('boolean');
  });

  describe('reading process.env by default', () => {
    const name = 'STOREGRAPH_CONFIG_TEST_PORT';
    afterEach(() => {
      delete process.env[name];
    });

    it('parses process.env when no environment is passed', () => {
      process.env[name] = '6123';
      expect(parseConfig('orders', z.object({ [name]: env.port(1) }))).toEqual({ [name]: 6123 });
    });
  });

  it('reports every bad variable at once, by name', () => {
    const error = configErrorOf({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: goodUrl });
    expect(error.service).toBe('orders');
    expect(error.name).toBe('ConfigError');
    expect(namesIn(error)).toEqual(['LOG_LEVEL', 'PORT']);
    expect(error.message).toContain('orders: invalid configuration');
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('LOG_LEVEL');
  });

  it('names a required variable that is missing', () => {
    const error = configErrorOf({});
    expect(namesIn(error)).toEqual(['DATABASE_URL']);
  });

  it('never echoes a bad value, so secrets stay out of logs', () => {
    const password = 'Sup3r-Secret-Pa55';
    const wrongScheme = `mysql://admin:${password}@db.internal:3306/shop`;
    const notAUrl = `postgres admin:${password} at db.internal`;
    for (const DATABASE_URL of [wrongScheme, notAUrl]) {
      const error = configErrorOf({ DATABASE_URL, LOG_LEVEL: password });
      expect(namesIn(error)).toEqual(['DATABASE_URL', 'LOG_LEVEL']);
      expect(error.message).not.toContain(password);
      expect(error.problems.join('\n')).not.toContain(password);
      expect(error.message).not.toContain('db.internal');
    }
  });
});

describe('env shapes', () => {
  const accepts = (shape: z.ZodType, value: string | undefined) => shape.safeParse(value).success;

  it('env.boolean takes true/false/1/0 and falls back to its default', () => {
    const flag = env.boolean(false);
    expect(flag.parse('true')).toBe(true);
    expect(flag.parse('1')).toBe(true);
    expect(flag.parse('false')).toBe(false);
    expect(flag.parse('0')).toBe(false);
    expect(flag.parse(undefined)).toBe(false);
    expect(env.boolean(true).parse(undefined)).toBe(true);
    for (const bad of ['yes', 'no', 'on', '2', '']) {
      expect(accepts(flag, bad), bad).toBe(false);
    }
  });

  it('env.postgresUrl takes postgres:// and postgresql:// URLs only', () => {
    const url = env.postgresUrl();
    expect(accepts(url, 'postgres://u:p@localhost:5432/db')).toBe(true);
    expect(accepts(url, 'postgresql://localhost/db')).toBe(true);
    for (const bad of ['mysql://u:p@localhost/db', 'http://localhost/db', 'localhost:5432/db', '', undefined]) {
      expect(accepts(url, bad), String(bad)).toBe(false);
    }
  });

  it('env.redisUrl takes redis:// and rediss:// URLs only', () => {
    const url = env.redisUrl();
    expect(accepts(url, 'redis://127.0.0.1:6379/0')).toBe(true);
    expect(accepts(url, 'rediss://user:pw@cache.example.com:6380')).toBe(true);
    for (const bad of ['http://127.0.0.1:6379', 'redis:6379', '127.0.0.1:6379', 'postgres://localhost/db']) {
      expect(accepts(url, bad), bad).toBe(false);
    }
  });

  it('env.port takes whole numbers from 1 to 65535 and defaults when unset', () => {
    const port = env.port(4000);
    expect(port.parse('1')).toBe(1);
    expect(port.parse('65535')).toBe(65_535);
    expect(port.parse(undefined)).toBe(4000);
    for (const bad of ['0', '65536', '-1', '80.5', 'http', '']) {
      expect(accepts(port, bad), bad).toBe(false);
    }
  });

  it('env.logLevel, env.nodeEnv, env.httpUrl and env.milliseconds validate their values', () => {
    expect(env.logLevel().parse('debug')).toBe('debug');
    expect(accepts(env.logLevel(), 'verbose')).toBe(false);
    expect(env.nodeEnv().parse('production')).toBe('production');
    expect(accepts(env.nodeEnv(), 'staging')).toBe(false);
    expect(accepts(env.httpUrl(), 'https://media.example.com/img')).toBe(true);
    expect(accepts(env.httpUrl(), 'ftp://media.example.com/img')).toBe(false);
    expect(env.milliseconds(100).parse('600000')).toBe(600_000);
    expect(accepts(env.milliseconds(100), '600001')).toBe(false);
    expect(accepts(env.milliseconds(100), '0')).toBe(false);
  });
});
