import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LiveProgressModule } from '@liveprogress/nest';
import { DevTokenController } from './auth/dev-token.controller.js';
import { API_CONFIG, type ApiConfig } from './config.js';
import { ContractErrorFilter } from './http/contract-error.filter.js';
import { HealthController } from './http/health.controller.js';
import { StoreHealthController } from './http/store-health.controller.js';
import { DemoOperationsController } from './operations/demo-operations.controller.js';
import { DemoOperationsService } from './operations/demo-operations.service.js';
import { MyOperationService } from './operations/my-operation.service.js';
import { OperationNotices } from './operations/operation-notices.js';
import { AnnouncedUploadService } from './operations/announced-upload.service.js';
import { PendingUploads } from './operations/pending-uploads.js';
import { UploadsController } from './operations/uploads.controller.js';

/** The demo API: the LiveProgress module plus the example endpoints (docs/protocol.md, The demo API). */
@Module({})
export class AppModule {
  static register(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LiveProgressModule.forRoot({
          auth: { secret: config.jwtSecret },
          cors: { origin: config.corsOrigins, credentials: true },
          adminRoles: ['admin'],
          // Admins also hear the application-wide room the examples send to (docs/protocol.md, Rooms).
          roomPolicy: (user) => (user.roles.includes('admin') ? ['platform.admin.global'] : []),
          ...(config.redisUrl ? { redis: { url: config.redisUrl } } : {}),
          ...(config.ingestTokens.length > 0 ? { ingestTokens: config.ingestTokens } : {}),
          ...(config.producerLeaseMs ? { producerLeaseMs: config.producerLeaseMs } : {}),
          ...(config.staleAfterMs ? { staleAfterMs: config.staleAfterMs } : {}),
          // Prometheus scrape at /metrics, with the Node process metrics too (docs/operations.md, Metrics).
          ...(config.metrics ? { metrics: { processMetrics: true } } : {}),
        }),
        TerminusModule.forRoot(),
      ],
      controllers: [HealthController, StoreHealthController, DevTokenController, DemoOperationsController, UploadsController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ContractErrorFilter },
        MyOperationService,
        DemoOperationsService,
        OperationNotices,
        AnnouncedUploadService,
        PendingUploads,
      ],
    };
  }
}
