import type { ServerResponse } from 'node:http';
import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards, type Type } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { type OperationSnapshot } from '@liveprogress/protocol';
import { lastEventIdSchema, listQuerySchema, operationIdSchema, parseInbound } from '@liveprogress/protocol/schemas';
import { AllowQueryToken } from '../auth/allow-query-token.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { LiveProgressAuthGuard } from '../auth/http-auth.guard.js';
import { requestUser, type RequestWithUser } from '../auth/http-user.js';
import { LIVE_PROGRESS_METRICS, RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { type Metrics, OperationEvents } from '@liveprogress/core';
import { OperationsService } from '../operations/operations.service.js';
import { LiveProgressHttpException } from './live-progress-http.exception.js';
import { streamOperation } from './sse-stream.js';

/** Builds the controller under the configured prefix (docs/protocol.md, HTTP and Server-Sent Events); a decorator's path is fixed when the class is made. */
export function createOperationsController(prefix: string): Type<unknown> {
  @Controller(prefix)
  @UseGuards(LiveProgressAuthGuard)
  class OperationsController {
    constructor(
      readonly operations: OperationsService,
      readonly events: OperationEvents,
      @Inject(RESOLVED_OPTIONS) readonly options: ResolvedOptions,
      @Inject(LIVE_PROGRESS_METRICS) readonly metrics: Metrics,
    ) {}

    @Get()
    async list(@Req() req: RequestWithUser, @Query() query: Record<string, unknown>): Promise<{ operations: OperationSnapshot[] }> {
      const parsed = parseInbound(listQuerySchema, query);
      if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', parsed.message);
      const { access_token: _ignored, ...filter } = parsed.data;
      return { operations: await this.operations.listVisible(userOf(req), filter) };
    }

    @Get(':id')
    async get(@Req() req: RequestWithUser, @Param('id') id: string): Promise<OperationSnapshot> {
      return this.visible(req, id);
    }

    @Get(':id/stream')
    @AllowQueryToken()
    async stream(@Req() req: RequestWithUser, @Param('id') id: string, @Res() res: ServerResponse | { raw: ServerResponse }): Promise<void> {
      await this.visible(req, id);
      const { expiresAt } = userOf(req);
      const header = req.headers['last-event-id'];
      let lastEventId: number | undefined;
      if (header !== undefined) {
        const parsed = parseInbound(lastEventIdSchema, Array.isArray(header) ? header[0] : header);
        if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', parsed.message);
        lastEventId = parsed.data;
      }
      const raw = 'raw' in res ? res.raw : res;
      await streamOperation(
        raw,
        {
          listen: (listener) => this.events.listen(id, listener),
          snapshot: () => this.operations.get(id),
          eventsAfter: (afterSeq) => this.operations.eventsAfter(id, afterSeq),
        },
        { lastEventId, heartbeatMs: this.options.sseHeartbeatMs, metrics: this.metrics, expiresAt },
      );
    }

    @Post(':id/cancel')
    @HttpCode(200)
    async cancel(@Req() req: RequestWithUser, @Param('id') id: string): Promise<{ ok: true }> {
      checkId(id);
      const outcome = await this.operations.cancel(userOf(req), id);
      if (outcome === 'not_found') throw notFound(id);
      if (outcome === 'not_cancellable') throw new LiveProgressHttpException('NOT_CANCELLABLE', `Operation "${id}" has already finished`);
      if (outcome === 'timed_out') {
        throw new LiveProgressHttpException('NOT_CANCELLABLE', `Operation "${id}" did not stop within ${this.options.cancelTimeoutMs} ms of being cancelled`);
      }
      return { ok: true };
    }

    @Delete(':id')
    @HttpCode(200)
    async delete(@Req() req: RequestWithUser, @Param('id') id: string): Promise<{ ok: true }> {
      checkId(id);
      const outcome = await this.operations.delete(id, userOf(req));
      if (outcome === 'not_found') throw notFound(id);
      if (outcome === 'forbidden')
        throw new LiveProgressHttpException('FORBIDDEN', `Only the owner of operation "${id}" or an admin of its tenant may delete it`);
      if (outcome === 'running') {
        throw new LiveProgressHttpException('OPERATION_RUNNING', `Operation "${id}" is still running: cancel it, or wait for it to end, then delete it`);
      }
      return { ok: true };
    }

    async visible(req: RequestWithUser, id: string): Promise<OperationSnapshot> {
      checkId(id);
      const snapshot = await this.operations.getVisible(userOf(req), id);
      if (!snapshot) throw notFound(id);
      return snapshot;
    }
  }
  return OperationsController;
}

function userOf(req: RequestWithUser): AuthUser {
  const user = requestUser(req);
  if (!user) throw new LiveProgressHttpException('TOKEN_MISSING', 'No verified user on the request');
  return user;
}

function checkId(id: string): void {
  const parsed = parseInbound(operationIdSchema, id);
  if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', `operation id: ${parsed.message}`);
}

const notFound = (id: string) => new LiveProgressHttpException('NOT_FOUND', `No operation "${id}" that you may see`);
