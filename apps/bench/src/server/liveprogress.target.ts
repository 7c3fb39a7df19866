import 'reflect-metadata';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LiveProgressModule, type OperationHandle, OperationsService } from '@liveprogress/nest';
import { BENCH_OPERATION_TYPE, progressFor } from '../shared/payload.js';
import type { BenchTarget, ServerConfig } from './server-api.js';

/** Limits far above anything the bench sends, so load is measured rather than refused. */
const UNLIMITED = { points: 1_000_000_000, durationMs: 1000 };

@Module({})
class BenchAppModule {
  static register(config: ServerConfig): DynamicModule {
    return {
      module: BenchAppModule,
      imports: [
        LiveProgressModule.forRoot({
          auth: { secret: config.secret },
          coalesceIntervalMs: config.coalesceIntervalMs,
          ...(config.maxEvents !== undefined ? { retention: { maxEvents: config.maxEvents } } : {}),
          ...(config.redis ? { redis: { url: config.redis.url, keyPrefix: config.redis.keyPrefix } } : {}),
          rateLimit: { socket: UNLIMITED, http: UNLIMITED, handshake: { perUser: UNLIMITED, perAddress: UNLIMITED } },
          // Kept on (its periodic check is part of the cost) but with bounds the bench never reaches.
          slowConsumer: { maxBufferedBytes: 512 * 1024 * 1024, maxBufferedPackets: 10_000_000 },
          isGlobal: true,
        }),
      ],
    };
  }
}

/** The real module in a real Nest app: JWT handshake, memory store, coalescing, rooms. */
export class LiveProgressTarget implements BenchTarget {
  private app: INestApplication | undefined;
  private operations: OperationsService | undefined;
  private handles: OperationHandle[] = [];

  constructor(private readonly config: ServerConfig) {}

  async listen(): Promise<number> {
    const app = await NestFactory.create(BenchAppModule.register(this.config), { logger: ['error', 'warn'] });
    await app.listen(0, '127.0.0.1');
    this.app = app;
    this.operations = app.get(OperationsService);
    return (app.getHttpServer().address() as { port: number }).port;
  }

  async createOperations(owners: string[], visibility: 'owner' | 'tenant'): Promise<string[]> {
    const operations = this.requireOperations();
    this.handles = owners.map((userId) => operations.start({ operationType: BENCH_OPERATION_TYPE, userId, tenantId: 'bench', visibility }));
    await Promise.all(this.handles.map((h) => h.flushed()));
    return this.handles.map((h) => h.id);
  }

  update(index: number, n: number, sentAt: number): void {
    this.handles[index]!.update({ progress: progressFor(n), details: { n, sentAt } });
  }

  async eventsSent(): Promise<number> {
    const operations = this.requireOperations();
    await Promise.all(this.handles.map((h) => h.flushed()));
    const snapshots = await Promise.all(this.handles.map((h) => operations.get(h.id)));
    return snapshots.reduce((sum, s) => sum + (s?.seq ?? 0), 0);
  }

  backlogBytes(): number {
    // Coalescing bounds what LiveProgress puts on the wire; its own slow-consumer monitor guards the rest.
    return 0;
  }

  async close(): Promise<void> {
    for (const handle of this.handles) handle.complete();
    await this.app?.close();
  }

  private requireOperations(): OperationsService {
    if (!this.operations) throw new Error('listen() first');
    return this.operations;
  }
}
