import { randomBytes } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { LiveProgressModule } from '../live-progress.module.js';
import type { LiveProgressModuleOptions } from '../live-progress.options.js';
import { OperationRecorder } from './operation-recorder.js';

/**
 * `LiveProgressModule` for an application's own unit tests (docs/testing.md): the in-memory
 * store, a 1 ms coalescing interval, a throwaway JWT secret, and an `OperationRecorder` that reads back
 * what each operation produced. It is global, so the services under test inject
 * `OperationsService` and `WebSocketService` as in the app; no socket server is needed unless the
 * test starts the app with `listen()`.
 */
@Module({})
export class LiveProgressTestingModule {
  static forRoot(options: Partial<LiveProgressModuleOptions> = {}): DynamicModule {
    return {
      module: LiveProgressTestingModule,
      global: true,
      imports: [
        LiveProgressModule.forRoot({
          auth: { secret: randomBytes(32).toString('hex') },
          // The shortest interval: updates reported in one tick still merge, as they do for a
          // subscriber in production, but a test never waits a coalescing interval.
          coalesceIntervalMs: 1,
          ...options,
          isGlobal: true,
        }),
      ],
      providers: [OperationRecorder],
      exports: [OperationRecorder],
    };
  }
}
