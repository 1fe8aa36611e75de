import {
  type Attributes,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const TRACER = '@storegraph/service';

export interface Tracing {
  /** Whether spans leave the process (an OTLP endpoint is configured). */
  exporting: boolean;
  /** Flushes and stops the exporter. */
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

/**
 * Registers the OpenTelemetry SDK for this process: AsyncLocalStorage context, W3C
 * trace context (`traceparent`) propagation, and the service name as resource.
 * Spans are exported (OTLP over HTTP) only when OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set: off by default. Idempotent.
 *
 * Every request has a trace id and span ids either way, so every log line carries
 * them and `traceparent` goes on to the next service. Without an exporter a trace
 * that starts here is not sampled (its spans record nothing: no attributes, events or
 * timings are kept for nobody to read; about 8 % of the router's CPU under load) and
 * says so downstream (trace flags 00); a caller's sampled trace is still recorded,
 * so a service that exports behind one that does not keeps what it was sent.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  if (active) return active;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    // The exporter reads the endpoint, headers and timeout from the standard OTEL_* variables.
    spanProcessors: endpoint ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [],
    sampler: new ParentBasedSampler({
      root: recordsRoots(env, Boolean(endpoint)) ? new AlwaysOnSampler() : new AlwaysOffSampler(),
    }),
  });
  provider.register();
  active = { exporting: Boolean(endpoint), shutdown: () => provider.shutdown() };
  return active;
}

/**
 * Whether traces started here are sampled: as the standard OTEL_TRACES_SAMPLER says
 * (`always_on`/`parentbased_always_on`, `always_off`/`parentbased_always_off`; a
 * caller's decision is always followed), else only when exporting.
 */
export function recordsRoots(env: NodeJS.ProcessEnv, exporting: boolean): boolean {
  const sampler = env.OTEL_TRACES_SAMPLER?.trim().toLowerCase();
  if (sampler === 'always_on' || sampler === 'parentbased_always_on') return true;
  if (sampler === 'always_off' || sampler === 'parentbased_always_off') return false;
  return exporting;
}

/**
 * A SERVER span for an incoming request, child of the caller's `traceparent` when
 * it sent one (the router, for a subgraph), a new trace otherwise.
 */
export function startServerSpan(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Attributes,
): { span: Span; run<T>(fn: () => T): T } {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = trace.getTracer(TRACER).startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  const ctx = trace.setSpan(parent, span);
  return { span, run: (fn) => context.with(ctx, fn) };
}

/** Ends a server span with the response status (5xx marks it failed). */
export function endServerSpan(span: Span, status: number): void {
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * Runs `fn` in a CLIENT span (an outgoing call), passing it the W3C headers
 * (`traceparent`, `tracestate`) that continue the trace on the other side.
 */
export async function withClientSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (traceHeaders: Record<string, string>) => Promise<T>,
): Promise<T> {
  const span = trace.getTracer(TRACER).startSpan(name, { kind: SpanKind.CLIENT, attributes });
  const ctx = trace.setSpan(context.active(), span);
  const traceHeaders: Record<string, string> = {};
  propagation.inject(ctx, traceHeaders);
  try {
    return await context.with(ctx, () => fn(traceHeaders));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * A span for a call to a store (Postgres, Redis), only inside a traced request that
 * records: background polling (outbox relay, doc values) would otherwise make a trace
 * per poll, and a request that is not sampled keeps nothing of it (log lines inside
 * carry the request's span).
 */
export function startStoreSpan(name: string, attributes: Attributes): Span | undefined {
  if (!trace.getSpan(context.active())?.isRecording()) return undefined;
  return trace.getTracer(TRACER).startSpan(name, { kind: SpanKind.CLIENT, attributes });
}
