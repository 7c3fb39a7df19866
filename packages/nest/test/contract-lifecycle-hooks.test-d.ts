import { defineOperation, typeOnly } from '@liveprogress/protocol';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ContractLifecycleEvent,
  type ContractLifecycleSnapshot,
  OnOperationCompleted,
  OnOperationFailed,
  OnOperationProgress,
  type OperationLifecycle,
} from '../src/index.js';

const dataImport = defineOperation({
  type: 'data_import',
  stages: ['validation', 'processing'],
  details: typeOnly<{ processedCount: number }>(),
  result: typeOnly<{ importedCount: number }>(),
});
declare const lifecycle: OperationLifecycle;

describe('onStatus with a contract', () => {
  it('types the event and snapshot of the handler by the contract', () => {
    lifecycle.onStatus('completed', dataImport, (event, snapshot) => {
      expectTypeOf(snapshot.result).toEqualTypeOf<{ importedCount: number } | null>();
      expectTypeOf(event.result).toEqualTypeOf<{ importedCount: number } | undefined>();
      expectTypeOf(event.operationType).toEqualTypeOf<'data_import'>();
      expectTypeOf(snapshot.stage).toEqualTypeOf<'validation' | 'processing' | null>();
      // @ts-expect-error the contract's result has no such field
      snapshot.result?.rowCount;
    });
    lifecycle.onStatus('progress', dataImport, (event) => {
      expectTypeOf(event.stage).toEqualTypeOf<'validation' | 'processing' | null>();
      expectTypeOf(event.details).toEqualTypeOf<{ processedCount: number } | null>();
    });
    lifecycle.onStatus('failed', dataImport, (event) => {
      expectTypeOf(event.error.message).toBeString();
    });
  });

  it('keeps the untyped form', () => {
    lifecycle.onStatus(
      'completed',
      (_event, snapshot) => {
        expectTypeOf(snapshot.result).toBeUnknown();
      },
      { operationType: 'data_import' },
    );
  });

  it('refuses a handler whose parameters do not match the contract', () => {
    // @ts-expect-error the snapshot's result is { importedCount: number }, not a string
    lifecycle.onStatus('completed', dataImport, (_event, snapshot: { result: string }) => void snapshot);
  });
});

describe('lifecycle decorators with a contract', () => {
  it('accept methods typed by the contract, and a method with fewer parameters', () => {
    class Hooks {
      @OnOperationCompleted(dataImport)
      completed(_event: ContractLifecycleEvent<typeof dataImport, 'completed'>, _snapshot: ContractLifecycleSnapshot<typeof dataImport>): void {}

      @OnOperationProgress(dataImport)
      progress(_event: ContractLifecycleEvent<typeof dataImport, 'progress'>): void {}

      @OnOperationFailed(dataImport)
      async failed(): Promise<void> {}

      @OnOperationCompleted('any_type')
      untyped(_event: unknown): void {}
    }
    expectTypeOf(Hooks).toBeConstructibleWith();
  });

  it('refuse a method whose snapshot does not match the contract', () => {
    class Hooks {
      // @ts-expect-error the contract's result is { importedCount: number }, not { importedCount: string }
      @OnOperationCompleted(dataImport)
      completed(_event: unknown, _snapshot: { result: { importedCount: string } | null }): void {}

      // @ts-expect-error an update's stage is 'validation' | 'processing' | null, not a number
      @OnOperationProgress(dataImport)
      progress(_event: { stage: number }): void {}
    }
    expectTypeOf(Hooks).toBeConstructibleWith();
  });
});
