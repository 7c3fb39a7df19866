import { ConfigurableModuleBuilder } from '@nestjs/common';
import { createIngestController } from './http/ingest.controller.js';
import { createOperationsController } from './http/operations.controller.js';
import { createRoomEventsController } from './http/room-events.controller.js';
import type { LiveProgressModuleOptions } from './live-progress.options.js';
import { createMetricsController } from './metrics/metrics.controller.js';
import { type MetricsOptions, metricsPath } from './metrics/metrics-options.js';

export interface LiveProgressModuleExtras {
  /** Make the module's providers available everywhere without importing it again. */
  isGlobal?: boolean;
  /** Prefix of the HTTP endpoints, default `/api/v1/operations`; `false` mounts none. */
  httpPrefix?: string | false;
  /**
   * Path of the caller's room-event SSE stream (toasts, table refreshes, custom events for
   * clients on the SSE or polling fallback), default `/api/v1/events`; `false` mounts none.
   */
  roomEventsPath?: string | false;
}

const DEFAULT_PREFIX = '/api/v1/operations';
export const DEFAULT_ROOM_EVENTS_PATH = '/api/v1/events';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: LIVE_PROGRESS_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<LiveProgressModuleOptions>({ moduleName: 'LiveProgress' })
  .setClassMethodName('forRoot')
  .setExtras<LiveProgressModuleExtras>({ isGlobal: false, httpPrefix: DEFAULT_PREFIX, roomEventsPath: DEFAULT_ROOM_EVENTS_PATH }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    controllers: [
      ...(extras.httpPrefix === false
        ? []
        : [createOperationsController(extras.httpPrefix ?? DEFAULT_PREFIX), createIngestController(extras.httpPrefix ?? DEFAULT_PREFIX)]),
      ...(extras.roomEventsPath === false ? [] : [createRoomEventsController(extras.roomEventsPath ?? DEFAULT_ROOM_EVENTS_PATH)]),
      ...scrapeController(extras),
    ],
  }))
  .build();

/**
 * forRoot hands this transform its whole options object, `metrics` included, so the scrape
 * endpoint is mounted at the path asked for. forRootAsync options are known only once its
 * factory has run, after controllers are fixed: mount `createMetricsController(path)` in
 * your own module then (docs/operations.md, Metrics).
 */
function scrapeController(extras: LiveProgressModuleExtras): Array<ReturnType<typeof createMetricsController>> {
  const path = metricsPath((extras as { metrics?: MetricsOptions }).metrics);
  return path === false ? [] : [createMetricsController(path)];
}
