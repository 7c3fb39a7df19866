import { defineOperation } from '@liveprogress/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidOperationInputError } from '../src/index.js';
import { type TestApp, collectProgress, request, startTestApp, until } from './support/test-app.js';

const dataImport = defineOperation({
  type: 'data_import',
  stages: ['validation', { id: 'processing', name: 'Processing rows' }, 'storing', 'indexing'],
  details: z.object({ processedCount: z.number().int().min(0), totalCount: z.number().int().min(0) }),
  result: z.object({ importedCount: z.number(), rejectedCount: z.number() }),
});

describe('operations started from a contract', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10 });
  });
  afterAll(() => app.close());

  it('runs with the contract’s type and stages, and a subscriber sees its typed details and result', async () => {
    const op = app.operations.start(dataImport, { userId: 'u1', tenantId: 't1', details: { processedCount: 0, totalCount: 4 } });
    const socket = await app.connect(app.token('u1', 't1'));
    const heard = collectProgress(socket);
    expect((await request(socket, 'operation.subscribe', { operationId: op.id })).ok).toBe(true);
    op.update({ stage: 'processing', progress: 50, details: { processedCount: 2 } });
    op.complete({ importedCount: 4, rejectedCount: 0 });
    await op.flushed();
    await until(() => heard.some((e) => e.event === 'progress.completed'), 'the completion');
    const snapshot = await app.operations.get(op.id);
    expect(snapshot).toMatchObject({
      operationType: 'data_import',
      status: 'completed',
      details: { processedCount: 2, totalCount: 4 },
      result: { importedCount: 4, rejectedCount: 0 },
    });
    expect(snapshot?.stages?.map((s) => [s.id, s.name])).toEqual([
      ['validation', 'validation'],
      ['processing', 'Processing rows'],
      ['storing', 'storing'],
      ['indexing', 'indexing'],
    ]);
    expect(heard.find((e) => e.event === 'progress.updated' && e.stage === 'processing')).toMatchObject({ operationType: 'data_import' });
  });

  it('refuses a stage outside the contract, naming it, and reports nothing for it', async () => {
    const op = app.operations.start(dataImport, { userId: 'u1', tenantId: 't1' });
    // @ts-expect-error 'uploading' is not one of the contract's stages
    expect(() => op.update({ stage: 'uploading', progress: 10 })).toThrow(InvalidOperationInputError);
    // @ts-expect-error the same, through a stage reporter
    expect(() => op.stage('uploading')).toThrow(/stage "uploading" is not one of "validation", "processing", "storing", "indexing"/);
    await op.flushed();
    expect((await app.operations.get(op.id))?.stage).toBeNull();
    op.fail(new Error('test over'));
  });

  it('validates details once merged, and a result, with the contract’s validator, naming the field', async () => {
    const op = app.operations.start(dataImport, { userId: 'u1', tenantId: 't1' });
    // The first details name only one of the two required fields.
    expect(() => op.update({ details: { processedCount: 1 } })).toThrow(/data_import details: details\.totalCount/);
    op.update({ details: { processedCount: 1, totalCount: 3 } });
    // @ts-expect-error a string is not the contract's number
    expect(() => op.update({ details: { processedCount: 'two' } })).toThrow(/details\.processedCount/);
    op.update({ details: { processedCount: 2 } });
    // @ts-expect-error the result lacks rejectedCount
    expect(() => op.complete({ importedCount: 3 })).toThrow(/result\.rejectedCount/);
    expect(op.isFinished).toBe(false);
    op.complete({ importedCount: 3, rejectedCount: 0 });
    await op.flushed();
    expect(await app.operations.get(op.id)).toMatchObject({ status: 'completed', details: { processedCount: 2, totalCount: 3 } });
  });

  it('refuses first details that do not validate before anything is stored', () => {
    expect(() =>
      // @ts-expect-error totalCount must be a number
      app.operations.start(dataImport, { userId: 'u1', tenantId: 't1', details: { processedCount: 0, totalCount: 'many' } }),
    ).toThrow(/details\.totalCount/);
  });
});
