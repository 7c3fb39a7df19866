// A fresh Nest 12 app, as an adopter would write it from docs/getting-started.md: the module, a
// guarded controller that starts an operation and reports its stages, and main.ts. ESM (Nest 12 is
// ESM only), built with the stack's tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pins } from './pinned-versions.mjs';

const APP_MODULE = `import { Module } from '@nestjs/common';
import { LiveProgressModule } from '@liveprogress/nest';
import { JobsController } from './jobs.controller.js';

@Module({
  imports: [
    LiveProgressModule.forRoot({
      isGlobal: true,
      auth: { secret: process.env.JWT_SECRET ?? '' },
      cors: { origin: [process.env.WEB_ORIGIN ?? ''], credentials: true },
    }),
  ],
  controllers: [JobsController],
})
export class AppModule {}
`;

const JOBS_CONTROLLER = `import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Post, Req, UseGuards } from '@nestjs/common';
import { LiveProgressAuthGuard, type OperationHandle, OperationsService, type RequestWithUser, requestUser } from '@liveprogress/nest';

const STAGES = [
  { id: 'prepare', name: 'Prepare', order: 1 },
  { id: 'work', name: 'Work', order: 2, weight: 3 },
];

@Controller('api/jobs')
@UseGuards(LiveProgressAuthGuard)
export class JobsController {
  constructor(private readonly operations: OperationsService) {}

  @Post()
  start(@Req() req: RequestWithUser, @Body() body: { steps?: number }) {
    const user = requestUser(req);
    if (!user) throw new Error('the guard lets no request through without a user');
    const steps = body?.steps ?? 5;
    const op = this.operations.start({
      operationType: 'pack_check',
      name: 'Pack check job',
      userId: user.userId,
      tenantId: user.tenantId,
      stages: STAGES,
      estimatedDuration: steps * 200,
    });
    void this.run(op, steps);
    return { success: true, message: 'Operation started', data: { operationId: op.id, estimatedDuration: steps * 200 } };
  }

  private async run(op: OperationHandle, steps: number): Promise<void> {
    try {
      op.stage('prepare').update(100, 'Ready');
      for (let step = 1; step <= steps; step += 1) {
        await sleep(200, undefined, { signal: op.signal });
        op.stage('work').update((100 * step) / steps, \`Step \${step} of \${steps}\`, { step });
      }
      op.complete({ steps }, 'Done');
    } catch (error) {
      op.fail(error);
    }
  }
}
`;

const MAIN = `import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

const app = await NestFactory.create(AppModule, {
  cors: { origin: [process.env.WEB_ORIGIN ?? ''], credentials: true },
  logger: ['error', 'warn'],
});
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };
console.log(\`listening on http://127.0.0.1:\${port}\`);
`;

// Compiles only if the packages' public types are real: with a declaration missing from the
// tarballs (or a type dependency left in devDependencies), these become `any` and each
// @ts-expect-error below is itself an error.
const TYPED_API = `import type { JwtOptions, OperationsService } from '@liveprogress/nest';

// @ts-expect-error: jsonwebtoken's Algorithm type reaches the app, so an unknown algorithm is refused.
export const unknownAlgorithm: JwtOptions = { secret: 'x', algorithms: ['HS257'] };

export function startWithoutUser(operations: OperationsService) {
  // @ts-expect-error: an operation needs its user and tenant.
  return operations.start({ operationType: 'pack_check' });
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    // As `nest new` writes it: the declarations of optional peers the app does not install
    // (ioredis, named in the Redis options' types) are not checked. TYPED_API below proves the
    // packages' types still reach the app rather than turning into `any`.
    skipLibCheck: true,
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
  },
  include: ['src'],
};

/** Writes the app into `dir`, depending on the packed tarballs (`{ name: path }`) and the stack's pinned peers. */
export function writeNestApp(dir, tarballs) {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const fromTarball = (name) => `file:${relative(dir, tarballs[name])}`;
  const manifest = {
    name: 'fresh-nest-app',
    version: '0.0.0',
    private: true,
    type: 'module',
    scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/main.js' },
    dependencies: {
      // Each tarball by path: the packages are not in any registry, and npm must not look for them there.
      '@liveprogress/protocol': fromTarball('@liveprogress/protocol'),
      '@liveprogress/core': fromTarball('@liveprogress/core'),
      '@liveprogress/nest': fromTarball('@liveprogress/nest'),
      ...pins(['@nestjs/common', '@nestjs/core', '@nestjs/platform-express', 'reflect-metadata', 'rxjs']),
    },
    devDependencies: pins(['typescript', '@types/node']),
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeFileSync(join(dir, 'src', 'app.module.ts'), APP_MODULE);
  writeFileSync(join(dir, 'src', 'jobs.controller.ts'), JOBS_CONTROLLER);
  writeFileSync(join(dir, 'src', 'main.ts'), MAIN);
  writeFileSync(join(dir, 'src', 'typed-api.ts'), TYPED_API);
}
