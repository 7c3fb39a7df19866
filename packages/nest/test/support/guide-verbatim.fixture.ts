// biome-ignore-all lint/correctness/noUnusedFunctionParameters: the guide's code as written keeps parameters it does not use
// The guide's backend example (docs/getting-started.md), copied as written: only the imports
// and the `result` its "Your operation logic here..." leaves to the reader are added.
import { randomUUID } from 'node:crypto';
import { Body, Controller, Injectable, Post, Req } from '@nestjs/common';
import { WebSocketService } from '../../src/index.js';

const result = { done: true };

@Injectable()
export class MyOperationService {
  constructor(private readonly webSocketService: WebSocketService) {}

  async startOperation(data: any, userId: string) {
    const operationId = randomUUID();

    // Start background process
    this.processOperation(operationId, data, userId);

    return { operationId, estimatedDuration: 180000 }; // 3 minutes
  }

  private async processOperation(operationId: string, data: any, userId: string) {
    try {
      // Stage 1: Initialization (10%)
      await this.sendProgressUpdate(operationId, {
        operationId,
        stage: 'initialization',
        progress: 10,
        message: 'Starting operation...',
        timestamp: Date.now(),
      });

      // Your operation logic here...

      // Stage 2: Processing (50%)
      await this.sendProgressUpdate(operationId, {
        operationId,
        stage: 'processing',
        progress: 50,
        message: 'Processing data...',
        timestamp: Date.now(),
      });

      // Continue with more stages...

      // Final: Completion (100%)
      await this.webSocketService.sendOperationComplete(operationId, 'my_operation', result);
    } catch (error) {
      await this.webSocketService.sendOperationFailure(operationId, 'my_operation', error);
    }
  }

  private async sendProgressUpdate(operationId: string, progressData: any) {
    await this.webSocketService.sendProgressUpdate(progressData);
  }
}

// In your controller
@Controller('api/my-operations')
export class MyOperationController {
  constructor(private readonly myOperationService: MyOperationService) {}

  @Post()
  async createOperation(@Body() data: any, @Req() req: any) {
    const result = await this.myOperationService.startOperation(data, req.user.id);

    return {
      success: true,
      message: 'Operation started',
      data: result,
    };
  }
}
