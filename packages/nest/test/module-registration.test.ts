import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { LiveProgressModule, OperationsService, WebSocketService } from '../src/index.js';

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
      const token = jwt.sign({ sub: 'u1', tenantId: 't1' }, 'async-config-secret-0123456789abcdef', { expiresIn: 60 });
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
