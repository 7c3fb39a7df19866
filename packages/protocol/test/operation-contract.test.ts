import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { type StandardSchemaV1, checkContractField, checkContractStage, defineOperation, typeOnly } from '../src/index.js';

const dataImport = defineOperation({
  type: 'data_import',
  stages: ['validation', { id: 'processing', name: 'Processing rows' }, 'storing', 'indexing'],
  details: z.object({ processedCount: z.number(), totalCount: z.number() }),
  result: z.object({ importedCount: z.number(), rejectedCount: z.number() }),
});

describe('defineOperation', () => {
  it('keeps the type and the stages in order, with the label given or the id as label', () => {
    expect(dataImport.type).toBe('data_import');
    expect(dataImport.stages).toEqual([
      { id: 'validation', name: 'validation' },
      { id: 'processing', name: 'Processing rows' },
      { id: 'storing', name: 'storing' },
      { id: 'indexing', name: 'indexing' },
    ]);
    expect(Object.isFrozen(dataImport)).toBe(true);
  });

  it('refuses a contract whose stage ids repeat', () => {
    expect(() => defineOperation({ type: 'x', stages: ['a', 'b', 'a'] })).toThrow(/stage ids must be unique/);
  });

  it('validates details and result with the contract’s Standard Schema validator, naming the field that is wrong', () => {
    expect(checkContractField(dataImport, 'details', { processedCount: 5, totalCount: 10 })).toEqual({
      ok: true,
      value: { processedCount: 5, totalCount: 10 },
    });
    const wrong = checkContractField(dataImport, 'details', { processedCount: 'five', totalCount: 10 });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toMatch(/^data_import details: details\.processedCount: /);
    const missing = checkContractField(dataImport, 'result', { importedCount: 3 });
    expect(!missing.ok && missing.message).toMatch(/result\.rejectedCount/);
  });

  it('takes any Standard Schema, not only zod’s, and accepts anything for a type-only field', () => {
    const evenOnly: StandardSchemaV1<unknown, { n: number }> = {
      '~standard': {
        version: 1,
        vendor: 'hand-written',
        validate: (value) =>
          typeof (value as { n?: unknown }).n === 'number' && (value as { n: number }).n % 2 === 0
            ? { value: value as { n: number } }
            : { issues: [{ message: 'must be even', path: [{ key: 'n' }] }] },
      },
    };
    const contract = defineOperation({ type: 'even', stages: ['only'], details: evenOnly, result: typeOnly<string>() });
    expect(checkContractField(contract, 'details', { n: 2 }).ok).toBe(true);
    expect(checkContractField(contract, 'details', { n: 3 })).toEqual({ ok: false, message: 'even details: details.n: must be even' });
    expect(checkContractField(contract, 'result', { anything: true })).toEqual({ ok: true, value: { anything: true } });
  });

  it('refuses an asynchronous validator with a message that says so', () => {
    const asyncSchema: StandardSchemaV1<unknown, object> = {
      '~standard': { version: 1, vendor: 'async', validate: async (value) => ({ value: value as object }) },
    };
    const contract = defineOperation({ type: 'slow', stages: ['a'], details: asyncSchema });
    const check = checkContractField(contract, 'details', {});
    expect(!check.ok && check.message).toMatch(/asynchronous/);
  });

  it('checks a stage against the contract’s stages, and lets no stage through', () => {
    expect(checkContractStage(dataImport, 'storing')).toEqual({ ok: true, value: 'storing' });
    expect(checkContractStage(dataImport, undefined).ok).toBe(true);
    const wrong = checkContractStage(dataImport, 'uploading');
    expect(!wrong.ok && wrong.message).toBe('data_import: stage "uploading" is not one of "validation", "processing", "storing", "indexing"');
  });
});
