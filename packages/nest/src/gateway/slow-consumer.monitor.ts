import type { Server, Socket } from 'socket.io';
import { dropNow, outboundBacklog } from './engine-io-internals.js';

export interface SlowConsumerLimits {
  maxBufferedBytes: number;
  maxBufferedPackets: number;
  checkIntervalMs: number;
}

/**
 * Disconnects sockets that stopped reading once their backlog passes a bound, so one
 * stalled client cannot grow the server's memory or hold up the others. The events are
 * not lost: the client re-subscribes with `afterSeq` when it reconnects.
 */
export class SlowConsumerMonitor {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly server: Server,
    private readonly limits: SlowConsumerLimits,
    private readonly onDisconnect: (socket: Socket, backlog: { packets: number; bytes: number }) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.check(), this.limits.checkIntervalMs);
    this.timer.unref();
  }

  check(): void {
    for (const socket of this.server.of('/').sockets.values()) {
      const backlog = outboundBacklog(socket);
      if (backlog.packets > this.limits.maxBufferedPackets || backlog.bytes > this.limits.maxBufferedBytes) {
        this.onDisconnect(socket, backlog);
        dropNow(socket);
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
