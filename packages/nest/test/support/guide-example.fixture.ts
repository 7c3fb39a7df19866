import { randomUUID } from 'node:crypto';
import { Body, Controller, Injectable, Module, Post, Req, UseGuards } from '@nestjs/common';
import { LiveProgressAuthGuard, WebSocketService } from '../../src/index.js';

/** The backend example of the original implementation guide, as written there (import paths aside); docs/nest.md, WebSocketService. */
@Injectable()
export class MyOperationService {
  constructor(private readonly webSocketService: WebSocketService) {}

  async startOperation(data: any, userId: string) {
    const operationId = randomUUID();
    this.processOperation(operationId, data, userId);
    return { operationId, estimatedDuration: 180000 };
  }

  private async processOperation(operationId: string, data: any, userId: string) {
    try {
      await this.sendProgressUpdate(operationId, {
        operationId,
        stage: 'initialization',
        progress: 10,
        message: 'Starting operation...',
        timestamp: Date.now(),
      });
      await new Promise((r) => setTimeout(r, data.delayMs ?? 50));
      await this.sendProgressUpdate(operationId, {
        operationId,
        stage: 'processing',
        progress: 50,
        message: 'Processing data...',
        timestamp: Date.now(),
      });
      await new Promise((r) => setTimeout(r, data.delayMs ?? 50));
      if (data.fail) throw new Error('Something broke');
      const result = { done: true };
      await this.webSocketService.sendOperationComplete(operationId, 'my_operation', result);
    } catch (error) {
      await this.webSocketService.sendOperationFailure(operationId, 'my_operation', error);
    }
  }

  private async sendProgressUpdate(operationId: string, progressData: any) {
    await this.webSocketService.sendProgressUpdate(progressData);
  }
}

@Controller('api/my-operations')
@UseGuards(LiveProgressAuthGuard)
export class MyOperationController {
  constructor(private readonly myOperationService: MyOperationService) {}

  @Post()
  async createOperation(@Body() data: any, @Req() req: any) {
    const result = await this.myOperationService.startOperation(data, req.user.id);
    return { success: true, message: 'Operation started', data: result };
  }
}

@Module({ controllers: [MyOperationController], providers: [MyOperationService] })
export class GuideExampleModule {}
