import { Controller, Get, Inject, NotFoundException, Res, type Type } from '@nestjs/common';
import type { Metrics } from '@liveprogress/core';
import { LIVE_PROGRESS_METRICS } from '../live-progress.tokens.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

/** What both Express and Fastify responses let us set a header on. */
type HeaderTarget = { setHeader(name: string, value: string): unknown } | { header(name: string, value: string): unknown };

/**
 * Serves the Prometheus scrape under `path` (docs/operations.md, Metrics). Made only when
 * `metrics` is on; without auth, as scrapers expect: keep the path off the public edge.
 */
export function createMetricsController(path: string): Type<unknown> {
  @Controller(path)
  class MetricsController {
    constructor(@Inject(LIVE_PROGRESS_METRICS) readonly metrics: Metrics) {}

    @Get()
    async scrape(@Res({ passthrough: true }) res: HeaderTarget): Promise<string> {
      // forRootAsync can resolve `metrics` to off after the controller was mounted.
      if (!(this.metrics instanceof PrometheusMetrics)) throw new NotFoundException();
      const contentType = this.metrics.registry.contentType;
      if ('header' in res) res.header('content-type', contentType);
      else res.setHeader('content-type', contentType);
      return this.metrics.scrape();
    }
  }
  return MetricsController;
}
