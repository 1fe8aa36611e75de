import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
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
  'billingAddress',
  'address',
  'addresses',
  'apiKey',
  'internalSecret',
];

/** Each secret key at the top level and up to three levels down (pino's wildcards match one level). */
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export interface CreateLoggerOptions {
  level?: Level | 'silent' | string;
  /** Where lines go; standard output when omitted. */
  destination?: DestinationStream;
}

/** The Elastic Common Schema version the lines follow. */
export const ECS_VERSION = '8.11.0';

/** An error as ECS fields (`error.type`, `error.message`, `error.stack_trace`, `error.code`). */
function ecsError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { 'error.message': String(err) };
  const code = (err as { code?: unknown }).code;
  return {
    'error.type': err.name,
    'error.message': err.message,
    ...(err.stack ? { 'error.stack_trace': err.stack } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { 'error.code': String(code) } : {}),
  };
}

/**
 * The trace and span of the active OpenTelemetry context, as ECS `trace.id` and
 * `span.id`: a request's lines in every service share its trace id.
 */
function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  const spanContext = span?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { 'trace.id': spanContext.traceId, 'span.id': spanContext.spanId };
}

/**
 * The house logger: one JSON object per line in Elastic Common Schema fields
 * (`@timestamp`, `log.level`, `message`, `service.name`, `ecs.version`, the request
 * id as `http.request.id`, `trace.id`/`span.id`, errors as `error.*`), so Elasticsearch
 * ingests the lines as they are. Redaction, the format and the request and trace
 * mixins are fixed: callers choose only the level and the destination.
 */
export function createLogger(service: string, options: CreateLoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { 'service.name': service, 'ecs.version': ECS_VERSION },
    timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
    messageKey: 'message',
    errorKey: 'err',
    formatters: {
      level: (label: string) => ({ 'log.level': label }),
      log(object: Record<string, unknown>) {
        if (!('err' in object)) return object;
        const { err, ...rest } = object;
        return { ...rest, ...ecsError(err) };
      },
    },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin() {
      const requestId = currentRequestId();
      return { ...(requestId ? { 'http.request.id': requestId } : {}), ...traceFields() };
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
