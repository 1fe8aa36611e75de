import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';

export type { Logger };

export interface RequestScope {
  requestId: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with a request id that every log line written inside it carries. */
export function withRequestScope<T>(requestScope: RequestScope, fn: () => T): T {
  return scope.run(requestScope, fn);
}

export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** Header that carries the request id from the router to every subgraph call. */
export const REQUEST_ID_HEADER = 'x-request-id';

const REQUEST_ID_SHAPE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a caller's request id when it is well formed; otherwise mints one. */
export function acceptRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && REQUEST_ID_SHAPE.test(value) ? value : randomUUID();
}

/** Paths never written to logs: credentials, tokens, card data and addresses. */
const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'orderToken',
  'clientSecret',
  'authorization',
  'cookie',
  'card',
  'cardNumber',
  'cvc',
  'cvv',
  'shippingAddress',
  'address',
];

/** Each secret key at the top level and up to three levels down (pino's wildcards match one level). */
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export interface CreateLoggerOptions {
  level?: Level | 'silent' | string;
  /** Where lines go; standard output when omitted. */
  destination?: DestinationStream;
}

/**
 * The house logger. Redaction, the line format and the request-id mixin are fixed:
 * callers choose only the level and the destination.
 */
export function createLogger(service: string, options: CreateLoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'message',
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
