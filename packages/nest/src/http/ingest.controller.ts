import { Body, Controller, Headers, HttpCode, Param, Post, UseGuards, type Type } from '@nestjs/common';
import { isTerminalStatus } from '@liveprogress/protocol';
import { ingestEventSchema, operationIdSchema, parseInbound } from '@liveprogress/protocol/schemas';
import { IngestTokenGuard } from '../auth/ingest-token.guard.js';
import { InvalidOperationInputError, OperationEndedError } from '@liveprogress/core';
import { OperationsService } from '../operations/operations.service.js';
import { LiveProgressHttpException } from './live-progress-http.exception.js';

/** `POST {prefix}/:id/events`: progress from producers in other processes or languages (contract: same events, same store). */
export function createIngestController(prefix: string): Type<unknown> {
  @Controller(prefix)
  @UseGuards(IngestTokenGuard)
  class IngestController {
    constructor(readonly operations: OperationsService) {}

    @Post(':id/events')
    @HttpCode(202)
    async ingest(
      @Param('id') id: string,
      @Body() body: unknown,
      // W3C trace context of the producer: the operation's span continues its trace (docs/operations.md, Tracing).
      @Headers('traceparent') traceparent?: string,
    ): Promise<{ ok: true; operationId: string }> {
      const idCheck = parseInbound(operationIdSchema, id);
      if (!idCheck.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', `operation id: ${idCheck.message}`);
      const parsed = parseInbound(ingestEventSchema, body);
      if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', parsed.message);
      const event = parsed.data;
      try {
        if (event.type === 'start') {
          if (this.operations.handle(id) || (await this.operations.get(id))) {
            throw new LiveProgressHttpException('OPERATION_EXISTS', `Operation "${id}" already exists: start each operation once, under a new id`);
          }
          const { type: _start, ...input } = event;
          // Stored before the answer, so the producer's next request may go to any node.
          const started = { ...input, operationId: id, ...(typeof traceparent === 'string' ? { traceparent } : {}) };
          await this.operations.flushedFor(this.operations.register(started, { remote: true }));
          return { ok: true, operationId: id };
        }
        // The store, not this node's handle, says whether the operation still runs: it may have
        // ended through another node, and then even an event that changes nothing is refused.
        const stored = await this.operations.get(id);
        if (!stored) throw new LiveProgressHttpException('NOT_FOUND', `No operation "${id}": send a "start" event first`);
        if (isTerminalStatus(stored.status)) {
          this.operations.forgetEnded(id);
          throw new LiveProgressHttpException('OPERATION_ENDED', `Operation "${id}" has ended (${stored.status}); stop reporting on it`);
        }
        const handle = this.operations.handle(id) ?? this.operations.adopt(stored, { remote: true });
        if (handle.isFinished) throw new LiveProgressHttpException('OPERATION_ENDED', `Operation "${id}" has ended; stop reporting on it`);
        this.operations.touch(id);
        switch (event.type) {
          case 'update': {
            const { type: _update, ...update } = event;
            handle.update(update);
            break;
          }
          case 'task': {
            const task = handle.task(event.taskId, event.name, event.weight !== undefined ? { weight: event.weight } : {});
            if (event.progress !== undefined) task.update(event.progress, event.message);
            else task.start(event.message);
            if (event.status === 'completed') task.complete(event.output, event.message);
            if (event.status === 'failed') task.fail(event.message ?? 'task failed');
            break;
          }
          case 'complete':
            handle.complete(event.result, event.message);
            break;
          case 'fail':
            handle.fail(event.error);
            break;
          case 'heartbeat':
            // An explicit heartbeat is a report: the operation is not silent (STALLED), though nothing is stored.
            await this.operations.heartbeat(id);
            break;
        }
        await this.operations.flushedFor(handle);
        return { ok: true, operationId: id };
      } catch (err) {
        if (err instanceof InvalidOperationInputError) throw new LiveProgressHttpException('INVALID_PAYLOAD', err.message);
        if (err instanceof OperationEndedError) throw new LiveProgressHttpException('OPERATION_ENDED', `Operation "${id}" has ended; stop reporting on it`);
        throw err;
      }
    }
  }
  return IngestController;
}
