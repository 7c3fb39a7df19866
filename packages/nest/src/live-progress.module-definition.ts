import { ConfigurableModuleBuilder } from '@nestjs/common';
import { createIngestController } from './http/ingest.controller.js';
import { createOperationsController } from './http/operations.controller.js';
import type { LiveProgressModuleOptions } from './live-progress.options.js';

export interface LiveProgressModuleExtras {
  /** Make the module's providers available everywhere without importing it again. */
  isGlobal?: boolean;
  /** Prefix of the HTTP endpoints, default `/api/v1/operations`; `false` mounts none. */
  httpPrefix?: string | false;
}

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: LIVE_PROGRESS_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<LiveProgressModuleOptions>({ moduleName: 'LiveProgress' })
  .setClassMethodName('forRoot')
  .setExtras<LiveProgressModuleExtras>({ isGlobal: false, httpPrefix: '/api/v1/operations' }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    controllers:
      extras.httpPrefix === false
        ? []
        : [createOperationsController(extras.httpPrefix ?? '/api/v1/operations'), createIngestController(extras.httpPrefix ?? '/api/v1/operations')],
  }))
  .build();
