import type { Server, Socket } from 'socket.io';

export interface SlowConsumerLimits {
  maxBufferedBytes: number;
  maxBufferedPackets: number;
  checkIntervalMs: number;
}

/** What a socket has queued but not yet handed to the kernel. */
export function outboundBacklog(socket: Socket): { packets: number; bytes: number } {
  const conn = socket.conn as unknown as {
    writeBuffer?: Array<{ data?: unknown }>;
    transport?: { socket?: { bufferedAmount?: number } };
  };
  const queue = conn.writeBuffer ?? [];
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of queue) {
    const data = packet.data;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
  }
  return { packets: queue.length, bytes };
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

/**
 * A plain disconnect waits for the backlog to drain, which a stalled reader never lets
 * happen; so the transport is torn down at once and its buffers freed.
 */
function dropNow(socket: Socket): void {
  const conn = socket.conn as unknown as { close: (discard?: boolean) => void; transport?: { socket?: { terminate?: () => void } } };
  const ws = conn.transport?.socket;
  socket.disconnect(true);
  conn.close(true);
  ws?.terminate?.();
}
