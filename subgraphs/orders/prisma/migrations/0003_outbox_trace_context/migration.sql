-- W3C trace context of the request that wrote the event (traceparent, tracestate), carried
-- by the relay into the job so consumers continue the trace. NULL outside any trace.
ALTER TABLE "outbox_events" ADD COLUMN "trace_context" JSONB;
