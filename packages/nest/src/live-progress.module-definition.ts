import { ConfigurableModuleBuilder } from '@nestjs/common';
import { createIngestController } from './http/ingest.controller.js';
import { createOperationsController } from './http/operations.controller.js';
import { createRoomEventsController } from './http/room-events.controller.js';
import type { LiveProgressModuleOptions } from './live-progress.options.js';

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
    ],
  }))
  .build();
