import 'reflect-metadata';
import { type CanActivate, type INestApplication, type LoggerService, Module, type Provider, type Type, UseGuards } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { appJwtGuard } from '@liveprogress/test-support';
import { LiveProgressAuthGuard, LiveProgressModule, type LiveProgressModuleOptions } from '../../src/index.js';
import { MyOperationController, MyOperationService } from './guide-verbatim.fixture.js';
import { SECRET } from './test-app.js';

export const JwtAuthGuard = appJwtGuard({ secret: SECRET });
export const SingleTenantJwtAuthGuard = appJwtGuard({ secret: SECRET, tenant: false });

/** The guide's controller behind a guard on the controller, as an app adds `@UseGuards(JwtAuthGuard)` to its routes. */
function guardedBy(guard: Type<CanActivate>): Type<unknown> {
  @UseGuards(guard)
  class GuardedMyOperationController extends MyOperationController {}
  return GuardedMyOperationController;
}

export type AdopterAuth = 'app-guard' | 'global-guard' | 'module-guard' | 'single-tenant-guard';

/** Log lines an app's logger saw, by level. */
export class CapturingLogger implements LoggerService {
  readonly lines: Array<{ level: string; message: string }> = [];
  log(message: unknown) {
    this.lines.push({ level: 'log', message: String(message) });
  }
  error(message: unknown) {
    this.lines.push({ level: 'error', message: String(message) });
  }
  warn(message: unknown) {
    this.lines.push({ level: 'warn', message: String(message) });
  }
}

/**
 * An existing app adopting the module: its own authentication, the guide's service and
 * controller as written, and `LiveProgressModule.forRoot` with the same JWT secret.
 */
export async function startAdopterApp(auth: AdopterAuth, options: Partial<LiveProgressModuleOptions> = {}) {
  const providers: Provider[] = [MyOperationService];
  let controller: Type<unknown> = MyOperationController;
  if (auth === 'app-guard') controller = guardedBy(JwtAuthGuard);
  if (auth === 'single-tenant-guard') controller = guardedBy(SingleTenantJwtAuthGuard);
  if (auth === 'module-guard') controller = guardedBy(LiveProgressAuthGuard);
  if (auth === 'global-guard') providers.push({ provide: APP_GUARD, useClass: JwtAuthGuard });

  @Module({ controllers: [controller], providers })
  class MyOperationModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [LiveProgressModule.forRoot({ auth: { secret: SECRET }, ...options, isGlobal: true }), MyOperationModule],
  }).compile();
  const logger = new CapturingLogger();
  const app: INestApplication = moduleRef.createNestApplication({ logger });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  return { app, url: `http://127.0.0.1:${port}`, logger };
}
