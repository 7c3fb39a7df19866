import type { ServerResponse } from 'node:http';
import { Controller, Get, Inject, Logger, Req, Res, UseGuards, type Type } from '@nestjs/common';
import { AllowQueryToken } from '../auth/allow-query-token.decorator.js';
import { LiveProgressAuthGuard } from '../auth/http-auth.guard.js';
import { requestUser, type RequestWithUser } from '../auth/http-user.js';
import { RoomEvents } from '../events/room-events.js';
import { callerRooms } from '../gateway/rooms.js';
import { RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { LiveProgressHttpException } from './live-progress-http.exception.js';
import { streamRoomEvents } from './room-event-stream.js';

/**
 * `GET {path}`: the caller's room events (toasts, table refreshes, custom events) as
 * Server-Sent Events, for clients on the SSE or polling fallback (docs/protocol.md, HTTP and
 * Server-Sent Events). The rooms are those its socket would join: user, tenant, roles, and
 * what the room policy grants.
 */
export function createRoomEventsController(path: string): Type<unknown> {
  @Controller(path)
  @UseGuards(LiveProgressAuthGuard)
  class RoomEventsController {
    private readonly logger = new Logger('LiveProgressRoomEvents');

    constructor(
      readonly events: RoomEvents,
      @Inject(RESOLVED_OPTIONS) readonly options: ResolvedOptions,
    ) {}

    @Get()
    @AllowQueryToken()
    async stream(@Req() req: RequestWithUser, @Res() res: ServerResponse | { raw: ServerResponse }): Promise<void> {
      const user = requestUser(req);
      if (!user) throw new LiveProgressHttpException('TOKEN_MISSING', 'No verified user on the request');
      const rooms = await callerRooms(user, this.options.roomPolicy, this.logger);
      streamRoomEvents('raw' in res ? res.raw : res, (listener) => this.events.listen(rooms, listener), {
        heartbeatMs: this.options.sseHeartbeatMs,
        expiresAt: user.expiresAt,
      });
    }
  }
  return RoomEventsController;
}
