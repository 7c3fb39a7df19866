import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp, until } from './support/test-app.js';

const PRODUCER_TOKEN = 'producer-token-for-tracing-tests-0123456789';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

const operationSpan = (operationId: string): ReadableSpan | undefined =>
  exporter.getFinishedSpans().find((s) => s.attributes['liveprogress.operation.id'] === operationId);

describe('tracing of operations through the Nest module (docs/operations.md, Tracing)', () => {
  let app: TestApp;
  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    app = await startTestApp({ coalesceIntervalMs: 10, ingestTokens: [PRODUCER_TOKEN] });
  });
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await app.close();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  const post = (id: string, event: object, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/v1/operations/${id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PRODUCER_TOKEN}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(event),
    });

  it('makes an operation started by OperationsService inside a request span its child, ended with the completion', async () => {
    const request = trace.getTracer('http').startSpan('POST /api/imports');
    const op = context.with(trace.setSpan(context.active(), request), () => app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' }));
    request.end();
    op.update({ stage: 'download', progress: 30 });
    await op.flushed();
    op.update({ stage: 'parse', progress: 70 });
    await op.flushed();
    op.complete();
    await op.flushed();

    const span = operationSpan(op.id);
    expect(span?.name).toBe('liveprogress.operation import');
    expect(span?.spanContext().traceId).toBe(request.spanContext().traceId);
    expect(span?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(span?.events.map((e) => e.name)).toEqual(['stage', 'stage', 'completed']);
  });

  it('continues the producer trace from the traceparent header of an HTTP ingest start, up to its failure', async () => {
    const id = `traced-${process.pid}-${Date.now()}`;
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const started = await post(
      id,
      { type: 'start', operationType: 'sync', userId: 'u1', tenantId: 't1' },
      { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    );
    expect(started.status).toBe(202);
    expect((await post(id, { type: 'update', stage: 'fetch', progress: 40 })).status).toBe(202);
    expect((await post(id, { type: 'fail', error: { message: 'upstream down', code: 'UPSTREAM_DOWN' } })).status).toBe(202);

    await until(() => operationSpan(id) !== undefined);
    const span = operationSpan(id);
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(span?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span?.events.map((e) => e.name)).toEqual(['stage', 'failed']);
    expect(span?.attributes['liveprogress.error.code']).toBe('UPSTREAM_DOWN');
  });
});
