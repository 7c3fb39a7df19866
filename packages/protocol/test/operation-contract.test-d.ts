import { z } from 'zod';
import { describe, expectTypeOf, it } from 'vitest';
import { type ContractDetails, type ContractResult, type ContractStage, defineOperation, typeOnly } from '../src/index.js';

describe('operation contract types', () => {
  it('derives the stage union and the details and result types from validators', () => {
    const dataImport = defineOperation({
      type: 'data_import',
      stages: ['validation', { id: 'processing', name: 'Processing' }, 'storing'],
      details: z.object({ processedCount: z.number(), totalCount: z.number() }),
      result: z.object({ importedCount: z.number() }),
    });
    expectTypeOf(dataImport.type).toEqualTypeOf<'data_import'>();
    expectTypeOf<ContractStage<typeof dataImport>>().toEqualTypeOf<'validation' | 'processing' | 'storing'>();
    expectTypeOf<ContractDetails<typeof dataImport>>().toEqualTypeOf<{ processedCount: number; totalCount: number }>();
    expectTypeOf<ContractResult<typeof dataImport>>().toEqualTypeOf<{ importedCount: number }>();
  });

  it('derives the same from type-only fields, and falls back to open types without them', () => {
    const typed = defineOperation({ type: 'report', stages: ['a', 'b'], details: typeOnly<{ pages: number }>(), result: typeOnly<string>() });
    expectTypeOf<ContractDetails<typeof typed>>().toEqualTypeOf<{ pages: number }>();
    expectTypeOf<ContractResult<typeof typed>>().toEqualTypeOf<string>();
    const open = defineOperation({ type: 'open', stages: ['a'] });
    expectTypeOf<ContractDetails<typeof open>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<ContractResult<typeof open>>().toEqualTypeOf<unknown>();
  });

  it('refuses details that are not an object', () => {
    // @ts-expect-error details must describe an object (the snapshot's `details` is one)
    const bad: import('../src/index.js').OperationContract<'x', 'a', string> = undefined as never;
    void bad;
  });
});
