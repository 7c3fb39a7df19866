// The testing kit as an application's own test would use it (docs/testing.md): a service of the
// app, its module compiled with LiveProgressTestingModule, and no socket or server at all.
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { defineOperation, typeOnly } from '@liveprogress/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationsService } from '../src/index.js';
import { LiveProgressTestingModule, OperationRecorder } from '../src/testing/index.js';

const reportExport = defineOperation({
  type: 'report_export',
  stages: ['query', 'render', 'upload'],
  details: typeOnly<{ pages: number }>(),
  result: typeOnly<{ url: string }>(),
});

/** An application's service: what the test is about. */
@Injectable()
class ReportService {
  constructor(private readonly operations: OperationsService) {}

  export(userId: string, tenantId: string, pages: number, fail = false): string {
    const op = this.operations.start(reportExport, { userId, tenantId, details: { pages: 0 } });
    void (async () => {
      op.update({ stage: 'query', progress: 10 });
      await Promise.resolve();
      for (let page = 1; page <= pages; page++) op.stage('render').update((page / pages) * 100, `page ${page}`, { pages: page });
      if (fail) return op.fail(new Error('the storage refused the upload'));
      op.update({ stage: 'upload', progress: 95 });
      op.complete({ url: `https://files.example/reports/${op.id}.pdf` });
    })();
    return op.id;
  }
}

describe('LiveProgressTestingModule', () => {
  let moduleRef: TestingModule | undefined;
  afterEach(async () => moduleRef?.close());

  const compile = async () => {
    moduleRef = await Test.createTestingModule({ imports: [LiveProgressTestingModule.forRoot()], providers: [ReportService] }).compile();
    return { reports: moduleRef.get(ReportService), recorder: moduleRef.get(OperationRecorder) };
  };

  it('records what a service’s operation reported, stage by stage, to its result', async () => {
    const { reports, recorder } = await compile();
    const id = reports.export('u1', 't1', 3);
    expect(await recorder.ended(id)).toMatchObject({ status: 'completed' });
    const events = await recorder.events(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ event: 'progress.completed', status: 'completed', result: { url: expect.stringContaining(id) } });
    expect(await recorder.stages(id)).toEqual(['query', 'render', 'upload']);
    expect(await recorder.snapshot(id)).toMatchObject({ status: 'completed', progress: 100, details: { pages: 3 }, operationType: 'report_export' });
  });

  it('records a failure with its message', async () => {
    const { reports, recorder } = await compile();
    const id = reports.export('u1', 't1', 2, true);
    await recorder.ended(id);
    expect((await recorder.events(id)).filter((e) => e.event !== 'progress.updated')).toEqual([
      expect.objectContaining({ event: 'progress.failed', status: 'failed', error: expect.objectContaining({ message: 'the storage refused the upload' }) }),
    ]);
  });

  it('lists a tenant’s operations and knows nothing of an id nobody started', async () => {
    const { reports, recorder } = await compile();
    const first = reports.export('u1', 't1', 1);
    const second = reports.export('u2', 't1', 1);
    reports.export('u3', 't2', 1);
    await Promise.all([recorder.ended(first), recorder.ended(second)]);
    expect((await recorder.list('t1')).map((s) => s.operationId).sort()).toEqual([first, second].sort());
    expect(await recorder.events('nobody-started-this')).toEqual([]);
    expect(await recorder.snapshot('nobody-started-this')).toBeNull();
    await expect(recorder.ended('nobody-started-this', { timeoutMs: 50 })).rejects.toThrow('operation nobody-started-this did not end within 50 ms');
  });
});
