import { ServerEvent, type AuthExpiredPayload } from '@liveprogress/protocol';
import type { Socket } from 'socket.io';

/** setTimeout's largest delay; a longer-lived token is re-armed when this fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Disconnects each socket when its token expires, unless `auth.refresh` moved the expiry first. */
export class TokenExpiry {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  arm(socket: Socket, expiresAt: number): void {
    this.disarm(socket);
    const delay = expiresAt - Date.now();
    const timer = setTimeout(
      () => {
        if (Date.now() < expiresAt) return this.arm(socket, expiresAt);
        this.timers.delete(socket.id);
        const payload: AuthExpiredPayload = { code: 'TOKEN_EXPIRED', timestamp: Date.now() };
        socket.emit(ServerEvent.AUTH_EXPIRED, payload);
        socket.disconnect(true);
      },
      Math.max(0, Math.min(delay, MAX_DELAY_MS)),
    );
    timer.unref();
    this.timers.set(socket.id, timer);
  }

  disarm(socket: Socket): void {
    clearTimeout(this.timers.get(socket.id));
    this.timers.delete(socket.id);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
