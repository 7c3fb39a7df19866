import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { LiveProgressHealthIndicator } from '@liveprogress/nest';

/**
 * `GET /health`: terminus's check with the LiveProgress store indicator (docs/operations.md, Health):
 * 200 while the store answers (Redis: PING within 500 ms), 503 otherwise. `/api/health` stays
 * the bare liveness answer the demo scripts wait on.
 */
@Controller('health')
export class StoreHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly store: LiveProgressHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  async check(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<HealthCheckResult | string | object> {
    try {
      return await this.health.check([() => this.store.isHealthy('store')]);
    } catch (err) {
      // Answered here: the demo's ContractErrorFilter would recast terminus's body, which monitors read, as a contract error.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      res.status(503);
      return err.getResponse();
    }
  }
}
