import { Controller, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { LiveProgressHealthIndicator } from '../../src/index.js';

/** A `/health` endpoint as an app writes it with terminus and the module's store indicator (docs/operations.md, Health). */
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: LiveProgressHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.store.isHealthy('store', { timeoutMs: 300, maxLatencyMs: 200 })]);
  }
}

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController] })
export class HealthFixtureModule {}
