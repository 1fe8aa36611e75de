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

/**
 * W3C trace context as it travels with an event: written into the outbox row in the
 * transaction of the change (the request's span is then active), carried by the relay
 * into the job (`EventJob.trace`), and continued by the consumer. Only the two W3C
 * fields are kept, each bounded, so a row can never smuggle anything else into a job.
 */
export type TraceCarrier = {
  traceparent?: string;
  tracestate?: string;
};

const TRACER = '@storegraph/events';
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Keeps a carrier's W3C fields when well-formed; anything else is dropped. */
export function sanitizeCarrier(value: unknown): TraceCarrier | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { traceparent, tracestate } = value as Record<string, unknown>;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return undefined;
  const carrier: TraceCarrier = { traceparent };
  if (typeof tracestate === 'string' && tracestate.length <= 512) carrier.tracestate = tracestate;
  return carrier;
}

/**
 * The active trace context (the request that is writing an event), or undefined when
 * no sampled-or-not span is active (a seed, a migration, a background job without one).
 */
export function captureTraceContext(): TraceCarrier | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return sanitizeCarrier(carrier);
}

/**
 * A PRODUCER span for publishing one event to one queue, child of the context the
 * event was written in. Returns the span (end it once the job is queued) and the
 * carrier that continues the trace from it; nothing when the event was written
 * outside any trace (no new trace per published event).
 */
export function startPublishSpan(
  destination: string,
  eventType: string,
  eventId: string,
  written: TraceCarrier | undefined,
): { span: Span; carrier: TraceCarrier | undefined } | undefined {
  if (!written) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, written);
  const span = trace
    .getTracer(TRACER)
    .startSpan(
      `publish ${eventType}`,
      { kind: SpanKind.PRODUCER, attributes: messagingAttributes(destination, eventType, eventId, 'publish') },
      parent,
    );
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  return { span, carrier: sanitizeCarrier(carrier) ?? written };
}

/**
 * Runs a consumer's handler in a CONSUMER span, child of the job's carried context
 * (the producer's publish span), so the handler's store calls and log lines share
 * the trace id of the request that caused the event. A job without a carrier starts
 * a trace of its own.
 */
export async function withConsumeSpan<T>(
  queue: string,
  eventType: string,
  eventId: string,
  carried: unknown,
  fn: () => Promise<T>,
): Promise<T> {
  const carrier = sanitizeCarrier(carried);
  const parent = carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
  const span = trace
    .getTracer(TRACER)
    .startSpan(
      `process ${eventType}`,
      { kind: SpanKind.CONSUMER, attributes: messagingAttributes(queue, eventType, eventId, 'process') },
      parent,
    );
  try {
    return await context.with(trace.setSpan(parent, span), fn);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

const messagingAttributes = (
  destination: string,
  eventType: string,
  eventId: string,
  operation: string,
): Attributes => ({
  'messaging.system': 'bullmq',
  'messaging.operation.type': operation,
  'messaging.destination.name': destination,
  'messaging.message.id': eventId,
  'storegraph.event.type': eventType,
});
