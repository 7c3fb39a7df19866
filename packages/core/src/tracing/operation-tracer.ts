import { createRequire } from 'node:module';
import { type EventInput, type OperationSnapshot, startOf } from '@liveprogress/protocol';
import type * as OpenTelemetry from '@opentelemetry/api';
import { parseTraceparent } from './traceparent.js';

type TracingApi = typeof OpenTelemetry;

/**
 * `@opentelemetry/api`, when the app installed it; null otherwise. An optional peer, loaded
 * synchronously on first use (a span must start inside the synchronous `start()`, in the caller's
 * active context) and through `require`: the API keeps its tracer provider and context manager
 * on a global, so this copy sees what the app's ESM or CJS copy registered.
 */
export function loadTracingApi(load: (name: string) => unknown = createRequire(import.meta.url)): TracingApi | null {
  try {
    return load('@opentelemetry/api') as TracingApi;
  } catch {
    return null;
  }
}

/** The instrumentation scope every operation span is made under. */
export const TRACER_NAME = '@liveprogress/core';

interface OpenSpan {
  span: OpenTelemetry.Span;
  stage: string | null;
}

/**
 * One span per operation started in this process (docs/operations.md, Tracing): it starts with
 * the operation, as a child of the active span or of the producer's `traceparent`; each stage
 * change and the terminal event are span events; it ends at the terminal event. A no-op when
 * `@opentelemetry/api` is not installed (and, through the API's own no-op, when no tracer
 * provider is registered).
 */
export class OperationTracer {
  private readonly spans = new Map<string, OpenSpan>();

  constructor(private readonly api: TracingApi | null = loadTracingApi()) {}

  get enabled(): boolean {
    return this.api !== null;
  }

  /** `traceparent`: a W3C trace context from the producer (another process); absent, the active context is the parent. */
  started(snapshot: OperationSnapshot, traceparent?: string): void {
    const api = this.api;
    if (!api) return;
    let parent = api.context.active();
    const remote = traceparent ? parseTraceparent(traceparent) : null;
    if (remote) parent = api.trace.setSpanContext(parent, { ...remote, isRemote: true });
    const span = api.trace.getTracer(TRACER_NAME).startSpan(
      `liveprogress.operation ${snapshot.operationType}`,
      {
        kind: api.SpanKind.INTERNAL,
        startTime: startOf(snapshot),
        attributes: {
          'liveprogress.operation.type': snapshot.operationType,
          'liveprogress.operation.id': snapshot.operationId,
          'liveprogress.tenant.id': snapshot.tenantId,
        },
      },
      parent,
    );
    // Without a tracer provider the API's spans record nothing: none is kept, so events skip the lookup.
    if (!span.isRecording()) return span.end();
    this.spans.set(snapshot.operationId, { span, stage: snapshot.stage });
  }

  /** An event of the operation was stored: a stage change or its end becomes a span event. */
  recorded(operationId: string, event: EventInput): void {
    if (this.spans.size === 0) return;
    const open = this.spans.get(operationId);
    if (!open || !this.api) return;
    const { span } = open;
    switch (event.event) {
      case 'progress.updated':
        if (event.stage !== undefined && event.stage !== null && event.stage !== open.stage) {
          open.stage = event.stage;
          span.addEvent('stage', { 'liveprogress.stage': event.stage, 'liveprogress.progress': event.progress }, event.timestamp);
        }
        return;
      case 'progress.completed':
        span.addEvent('completed', {}, event.timestamp);
        span.setAttribute('liveprogress.operation.status', 'completed');
        span.setStatus({ code: this.api.SpanStatusCode.OK });
        break;
      case 'progress.failed': {
        const code = event.error?.code ?? 'UNKNOWN';
        span.addEvent(event.status, { 'liveprogress.error.code': code, 'liveprogress.error.message': event.error?.message ?? '' }, event.timestamp);
        span.setAttribute('liveprogress.operation.status', event.status);
        span.setAttribute('liveprogress.error.code', code);
        // A cancel is asked for, not an error of the work.
        if (event.status === 'failed') span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: event.error?.message });
        break;
      }
    }
    this.spans.delete(operationId);
    span.end(event.timestamp);
  }

  /** The operation ended without this process (another node, PRODUCER_LOST): its span ends here, marked so. */
  endedElsewhere(operationId: string): void {
    const open = this.spans.get(operationId);
    if (!open) return;
    this.spans.delete(operationId);
    open.span.addEvent('ended_elsewhere');
    open.span.end();
  }
}

/**
 * The active trace context as a W3C `traceparent`, to hand to work another process runs (a queue
 * job's data, an HTTP ingest header) so the operation it starts continues this trace; undefined
 * without `@opentelemetry/api` or outside a span.
 */
export function activeTraceparent(api: TracingApi | null = loadTracingApi()): string | undefined {
  const span = api?.trace.getSpanContext(api.context.active());
  if (!api || !span || !api.isSpanContextValid(span)) return undefined;
  return `00-${span.traceId}-${span.spanId}-${(span.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}
