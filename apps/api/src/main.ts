import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { readConfig } from './config.js';

async function bootstrap(): Promise<void> {
  const config = readConfig();
  const app = await NestFactory.create(AppModule.register(config), {
    cors: { origin: config.corsOrigins, credentials: true },
    logger: process.env.NODE_ENV === 'test' ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${(app.getHttpServer().address() as { port: number }).port}`;
  console.log(
    `LiveProgress demo API listening on ${url} (Socket.IO at ${url}/socket.io, operations at ${url}/api/v1/operations; ${config.redisUrl ? 'Redis mode' : 'in-memory mode'})`,
  );
}

bootstrap().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
