import { ServerEvent, type AuthExpiredPayload } from '@liveprogress/protocol';
import type { LiveServer } from '@liveprogress/core';
import { socketUser } from './socket-user.js';

/**
 * Disconnects sockets whose token has expired, telling them first with `auth.expired`.
 * One sweep over this node's sockets instead of a timer per socket: a timer each costs
 * memory on every idle connection, and a second of slack on expiry costs nothing.
 * `auth.refresh` replaces the socket's user, so the sweep sees the new expiry by itself.
 */
export class TokenExpirySweep {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly server: LiveServer,
    private readonly everyMs = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sweep(Date.now()), this.everyMs);
    this.timer.unref();
  }

  sweep(now: number): void {
    for (const socket of this.server.of('/').sockets.values()) {
      if (socketUser(socket).expiresAt > now) continue;
      const payload: AuthExpiredPayload = { code: 'TOKEN_EXPIRED', timestamp: now };
      socket.emit(ServerEvent.AUTH_EXPIRED, payload);
      socket.disconnect(true);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
