import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryOperationStore, OperationRuntime } from '../src/index.js';
import { OperationTracer, activeTraceparent, loadTracingApi } from '../src/tracing/operation-tracer.js';
import { parseTraceparent } from '../src/tracing/traceparent.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

const quietLogger = { error: () => undefined, warn: () => undefined };

function newRuntime(tracer?: OperationTracer): { runtime: OperationRuntime; store: MemoryOperationStore } {
  const store = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
  const runtime = new OperationRuntime({
    store,
    coalesceIntervalMs: 10,
    deliver: () => undefined,
    waitForSubscriber: async () => true,
    logger: quietLogger,
    ...(tracer ? { tracer } : {}),
  });
  return { runtime, store };
}

const operationSpans = (): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.name.startsWith('liveprogress.operation'));
const parentIdOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(provider);
});

afterEach(() => exporter.reset());

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

describe('operation tracing', () => {
  it('makes an operation started inside a span a child span with its stages and its completion as events', async () => {
    const { runtime } = newRuntime();
    const parent = trace.getTracer('test').startSpan('POST /imports');
    const op = await context.with(trace.setSpan(context.active(), parent), async () => {
      const started = runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
      await Promise.resolve();
      return started;
    });
    op.update({ stage: 'download', progress: 10 });
    await op.flushed();
    op.update({ stage: 'parse', progress: 60 });
    await op.flushed();
    op.complete({ rows: 3 });
    await op.flushed();
    parent.end();

    const [span] = operationSpans();
    expect(operationSpans()).toHaveLength(1);
    expect(span?.name).toBe('liveprogress.operation import');
    expect(span?.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(span && parentIdOf(span)).toBe(parent.spanContext().spanId);
    expect(span?.attributes).toMatchObject({ 'liveprogress.operation.type': 'import', 'liveprogress.operation.id': op.id });
    expect(span?.events.map((e) => [e.name, e.attributes?.['liveprogress.stage']])).toEqual([
      ['stage', 'download'],
      ['stage', 'parse'],
      ['completed', undefined],
    ]);
    expect(span?.ended).toBe(true);
  });

  it('records the error code of a failed operation and ends its span as an error', async () => {
    const { runtime } = newRuntime();
    const op = runtime.start({ operationType: 'export', userId: 'u1', tenantId: 't1' });
    op.update({ stage: 'render', progress: 20 });
    op.fail({ message: 'disk full', code: 'DISK_FULL' });
    await op.flushed();

    const [span] = operationSpans();
    expect(span?.events.map((e) => e.name)).toEqual(['stage', 'failed']);
    expect(span?.events[1]?.attributes).toMatchObject({ 'liveprogress.error.code': 'DISK_FULL' });
    expect(span?.attributes['liveprogress.error.code']).toBe('DISK_FULL');
    expect(span?.status.code).toBe(2); // SpanStatusCode.ERROR
  });

  it('continues the trace of a traceparent given to start, as a producer in another process sends it', async () => {
    const { runtime } = newRuntime();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const op = runtime.start({ operationType: 'report', userId: 'u1', tenantId: 't1', traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    op.complete();
    await op.flushed();

    const [span] = operationSpans();
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span && parentIdOf(span)).toBe('00f067aa0ba902b7');
  });

  it('hands the active span on as a traceparent, which a start in another runtime continues', async () => {
    const job = trace.getTracer('test').startSpan('enqueue import job');
    const traceparent = context.with(trace.setSpan(context.active(), job), () => activeTraceparent());
    job.end();
    expect(activeTraceparent()).toBeUndefined();
    const { runtime } = newRuntime();
    const op = runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1', ...(traceparent ? { traceparent } : {}) });
    op.complete();
    await op.flushed();

    const [span] = operationSpans();
    expect(span?.spanContext().traceId).toBe(job.spanContext().traceId);
    expect(span && parentIdOf(span)).toBe(job.spanContext().spanId);
  });

  it('reads a traceparent only when it is well formed', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    });
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeNull();
    expect(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeNull();
    expect(parseTraceparent('not a traceparent')).toBeNull();
  });

  it('runs operations to their end and makes no span when @opentelemetry/api is not installed', async () => {
    const missing = loadTracingApi(() => {
      throw Object.assign(new Error("Cannot find module '@opentelemetry/api'"), { code: 'MODULE_NOT_FOUND' });
    });
    expect(missing).toBeNull();
    const tracer = new OperationTracer(missing);
    expect(tracer.enabled).toBe(false);
    const { runtime, store } = newRuntime(tracer);
    const op = runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    op.update({ stage: 'download', progress: 50 });
    op.complete();
    await op.flushed();

    expect((await store.get(op.id))?.status).toBe('completed');
    expect(operationSpans()).toEqual([]);
    expect(loadTracingApi()).not.toBeNull(); // installed here, as a dev dependency
  });
});
