import 'reflect-metadata';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LiveProgressModule, type LiveProgressModuleOptions, OperationsService, WebSocketService } from '@liveprogress/nest';
import { signToken, TEST_JWT_SECRET, type TestClaims } from '../tokens.js';
import { DevTokenController } from './dev-token.controller.js';
import { ExampleOperationsController } from './example-operations.controller.js';
import { GuideOperationService } from './guide-operation.service.js';
import { OperationNotices } from './operation-notices.js';
import { StagedOperationsService } from './staged-operations.service.js';

export interface TestServer {
  url: string;
  port: number;
  app: INestApplication;
  operations: OperationsService;
  ws: WebSocketService;
  /** A token this server accepts, for a user of a tenant. */
  token(userId: string, tenantId: string, options?: { expiresIn?: number | null; claims?: TestClaims }): string;
  stop(): Promise<void>;
}

/**
 * An in-process Nest app on a free 127.0.0.1 port: `LiveProgressModule.forRoot` (secret
 * TEST_JWT_SECRET, any origin) plus the guide's example endpoints and the demo's dev-token
 * sign-in, re-created for tests so that client and React tests need no built demo app.
 */
export async function startTestServer(options: Partial<LiveProgressModuleOptions> = {}, listen: { port?: number } = {}): Promise<TestServer> {
  @Module({
    imports: [LiveProgressModule.forRoot({ auth: { secret: TEST_JWT_SECRET }, cors: { origin: true, credentials: true }, ...options })],
    controllers: [ExampleOperationsController, DevTokenController],
    providers: [GuideOperationService, StagedOperationsService, OperationNotices],
  })
  class TestServerModule {}

  const app = await NestFactory.create(TestServerModule, { logger: ['error'], cors: { origin: true, credentials: true } });
  // A given port restarts a stopped server where its clients look for it (an in-memory server that lost everything).
  await app.listen(listen.port ?? 0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    operations: app.get(OperationsService),
    ws: app.get(WebSocketService),
    token: (userId, tenantId, { expiresIn = 3600, claims = {} } = {}) => signToken({ sub: userId, tenantId, ...claims }, { expiresIn }),
    stop: () => (stopped ??= app.close()),
  };
}
