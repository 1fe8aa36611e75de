import { z } from 'zod';

export { z };

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Parses the environment once against a zod object whose keys are variable names.
 * Every bad variable is reported together; the values themselves are never echoed,
 * since some are secrets.
 */
export function parseConfig<S extends z.ZodObject>(service: string, schema: S, env: Env = process.env): z.infer<S> {
  // An empty variable (PORT=) means "not set": the default applies, as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(service, problems);
}

/**
 * parseConfig for a process entry point: on bad configuration, prints every problem
 * to stderr and exits with status 78 (EX_CONFIG). A service never runs on bad config.
 */
export function loadConfig<S extends z.ZodObject>(service: string, schema: S, env: Env = process.env): z.infer<S> {
  try {
    return parseConfig(service, schema, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** Variables every service shares. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback),
  host: () => z.string().min(1).default('127.0.0.1'),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'test', 'production']).default('development'),
  postgresUrl: () =>
    z
      .string()
      .url()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
  redisUrl: () =>
    z
      .string()
      .url()
      .refine((v) => /^rediss?:\/\//.test(v), 'must be a redis:// URL'),
  httpUrl: () =>
    z
      .string()
      .url()
      .refine((v) => /^https?:\/\//.test(v), 'must be an http(s):// URL'),
  /** The admin port serving Prometheus metrics at /metrics; 0 serves none. */
  metricsPort: (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback),
  milliseconds: (fallback: number) => z.coerce.number().int().min(1).max(600_000).default(fallback),
  boolean: (fallback: boolean) =>
    z
      .preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(['true', 'false', '1', '0']))
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
} as const;

/**
 * Access-token verification and internal-call proof: the same four variables for the
 * router and every subgraph.
 */
export const accessTokenEnv = {
  /** The users service's published keys. */
  JWKS_URL: env.httpUrl().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('storegraph-users'),
  JWT_AUDIENCE: z.string().min(1).default('storegraph'),
  /** Shared by the router and the subgraphs to prove internal calls; at least 32 characters. */
  INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters'),
};
