import { isSpanContextValid, TraceFlags } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { recordsRoots, startServerSpan, startStoreSpan, startTracing } from '../src/tracing.js';

// No exporter in this process: traces that start here are not sampled.
startTracing('tracing-test', {});

describe('sampling without an exporter', () => {
  it('a trace that starts here has ids (for logs and traceparent) but records nothing, and no store spans', () => {
    const { span, run } = startServerSpan('GET /graphql', {}, {});
    expect(isSpanContextValid(span.spanContext())).toBe(true);
    expect(span.spanContext().traceFlags & TraceFlags.SAMPLED).toBe(0);
    expect(span.isRecording()).toBe(false);
    expect(run(() => startStoreSpan('redis GET', {}))).toBeUndefined();
    span.end();
  });

  it('a caller’s sampled trace is still recorded here, with its store spans', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const { span, run } = startServerSpan('GET /graphql', { traceparent }, {});
    expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span.isRecording()).toBe(true);
    const store = run(() => startStoreSpan('redis GET', {}));
    expect(store?.isRecording()).toBe(true);
    store?.end();
    span.end();
  });

  it('follows OTEL_TRACES_SAMPLER when set, the exporter otherwise', () => {
    expect(recordsRoots({}, false)).toBe(false);
    expect(recordsRoots({}, true)).toBe(true);
    expect(recordsRoots({ OTEL_TRACES_SAMPLER: 'parentbased_always_on' }, false)).toBe(true);
    expect(recordsRoots({ OTEL_TRACES_SAMPLER: 'always_off' }, true)).toBe(false);
    expect(recordsRoots({ OTEL_TRACES_SAMPLER: 'traceidratio' }, true)).toBe(true);
  });
});
