import { Injectable, Module } from '@nestjs/common';
import { defineOperation, typeOnly } from '@liveprogress/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractLifecycleEvent, type ContractLifecycleSnapshot, OnOperationCompleted, OnOperationProgress, OperationLifecycle } from '../src/index.js';
import { type TestApp, startTestApp, until } from './support/test-app.js';

const dataImport = defineOperation({
  type: 'contract_hooks_import',
  stages: ['validation', 'processing'],
  details: typeOnly<{ processedCount: number }>(),
  result: typeOnly<{ importedCount: number; rejectedCount: number }>(),
});
const otherJob = defineOperation({ type: 'contract_hooks_other', stages: ['only'], result: typeOnly<{ ok: boolean }>() });

/** Hooks filtered by a contract, whose handlers read the contract's typed result and stage. */
@Injectable()
class ImportHooks {
  readonly imported: number[] = [];
  readonly stages: string[] = [];

  @OnOperationCompleted(dataImport)
  completed(_event: ContractLifecycleEvent<typeof dataImport, 'completed'>, snapshot: ContractLifecycleSnapshot<typeof dataImport>): void {
    this.imported.push(snapshot.result?.importedCount ?? -1);
  }

  @OnOperationProgress(dataImport)
  progress(event: ContractLifecycleEvent<typeof dataImport, 'progress'>): void {
    if (event.stage) this.stages.push(event.stage);
  }
}

@Module({ providers: [ImportHooks] })
class ImportHooksModule {}

describe('lifecycle hooks filtered by a contract', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10 }, { imports: [ImportHooksModule] });
  });
  afterAll(() => app.close());

  it('call a decorated method only for operations of the contract’s type, with its result and stages', async () => {
    const hooks = app.app.get(ImportHooks);
    const other = app.operations.start(otherJob, { userId: 'u1', tenantId: 't1' });
    other.complete({ ok: true });
    const op = app.operations.start(dataImport, { userId: 'u1', tenantId: 't1' });
    op.update({ stage: 'validation', progress: 10 });
    op.update({ stage: 'processing', progress: 60, details: { processedCount: 3 } });
    op.complete({ importedCount: 3, rejectedCount: 1 });
    await Promise.all([other.flushed(), op.flushed()]);
    await until(() => hooks.imported.length > 0, 'the completed hook');
    expect(hooks.imported).toEqual([3]);
    expect(hooks.stages).toEqual(['validation', 'processing']);
  });

  it('call an onStatus handler registered with a contract only for that contract, with the typed snapshot', async () => {
    const results: Array<{ importedCount: number; rejectedCount: number } | null> = [];
    const off = app.app.get(OperationLifecycle).onStatus('completed', dataImport, (event, snapshot) => {
      expect(event.operationType).toBe('contract_hooks_import');
      results.push(snapshot.result);
    });
    const other = app.operations.start(otherJob, { userId: 'u1', tenantId: 't1' });
    other.complete({ ok: false });
    const op = app.operations.start(dataImport, { userId: 'u1', tenantId: 't1' });
    op.complete({ importedCount: 7, rejectedCount: 0 });
    await Promise.all([other.flushed(), op.flushed()]);
    await until(() => results.length > 0, 'the onStatus handler');
    off();
    expect(results).toEqual([{ importedCount: 7, rejectedCount: 0 }]);
  });
});
