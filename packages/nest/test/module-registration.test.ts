import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { signToken } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { LiveProgressModule, OperationsService, WebSocketService } from '../src/index.js';
import { startTestApp, until } from './support/test-app.js';

@Injectable()
class AppConfig {
  readonly jwtSecret = 'async-config-secret-0123456789abcdef';
}

@Module({ providers: [AppConfig], exports: [AppConfig] })
class ConfigModule {}

describe('registering the module', () => {
  it('takes its options from forRootAsync with injected configuration, under a custom prefix', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        LiveProgressModule.forRootAsync({
          imports: [ConfigModule],
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ auth: { secret: config.jwtSecret } }),
          httpPrefix: '/jobs',
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      const token = signToken({ sub: 'u1', tenantId: 't1' }, { secret: 'async-config-secret-0123456789abcdef', expiresIn: 60 });
      const op = app.get(OperationsService).start({ operationType: 'x', userId: 'u1', tenantId: 't1' });
      const res = await fetch(`${url}/jobs/${op.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ operationId: op.id });
      expect(app.get(WebSocketService)).toBeInstanceOf(WebSocketService);
      op.complete();
    } finally {
      await app.close();
    }
  });

  it('refuses to start without a key, saying which option to set', async () => {
    const building = Test.createTestingModule({ imports: [LiveProgressModule.forRoot({ auth: {} })] }).compile();
    await expect(building).rejects.toThrow(/auth\.secret/);
  });

  it('makes its services injectable everywhere with isGlobal', async () => {
    @Injectable()
    class Reporter {
      constructor(readonly operations: OperationsService) {}
    }
    @Module({ providers: [Reporter] })
    class FeatureModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [LiveProgressModule.forRoot({ auth: { secret: 's'.repeat(32) }, isGlobal: true }), FeatureModule],
    }).compile();
    expect(moduleRef.get(Reporter).operations).toBeInstanceOf(OperationsService);
    await moduleRef.close();
  });
});

describe('a store of your own', () => {
  it('still feeds lifecycle hooks when it returns no snapshot from append, by reading it', async () => {
    const { MemoryOperationStore, OperationLifecycle } = await import('../src/index.js');
    const inner = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
    // A store written against the first version of the interface: no appendNow, no snapshot in the answer.
    const legacy = {
      create: inner.create.bind(inner),
      get: inner.get.bind(inner),
      async append(...args: Parameters<typeof inner.append>) {
        const appended = await inner.append(...args);
        return appended && ('conflict' in appended ? appended : { event: appended.event });
      },
      eventsAfter: inner.eventsAfter.bind(inner),
      list: inner.list.bind(inner),
      expire: inner.expire.bind(inner),
      close: inner.close.bind(inner),
    };
    const app = await startTestApp({ store: legacy, coalesceIntervalMs: 10 });
    try {
      const seen: Array<[string, number, unknown]> = [];
      app.app.get(OperationLifecycle).onStatus('completed', (event, snapshot) => void seen.push([event.event, snapshot.seq, snapshot.result]));
      const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
      op.update({ progress: 50 });
      op.complete({ rows: 2 });
      await op.flushed();
      await until(() => seen.length === 1);
      expect(seen).toEqual([['progress.completed', 2, { rows: 2 }]]);
    } finally {
      await app.close();
    }
  });
});
