import type { Socket } from 'socket.io';

/**
 * The one place that reads engine.io's internals (they are not public API): a connection's
 * unsent packets and its WebSocket's buffered bytes, and how to tear a transport down
 * without waiting for a drain. Read from engine.io ENGINE_IO_INTERNALS_VERSION (under
 * socket.io 4.8.3); `test/engine-io-internals.test.ts` fails, naming the installed version,
 * when these shapes change.
 */
export const ENGINE_IO_INTERNALS_VERSION = '6.6.12';

interface EngineConnection {
  writeBuffer?: Array<{ data?: unknown }>;
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
  close: (discard?: boolean) => void;
}

const connectionOf = (socket: Socket) => socket.conn as unknown as EngineConnection;

/** What a socket has queued but not yet handed to the kernel. */
export function outboundBacklog(socket: Socket): { packets: number; bytes: number } {
  const conn = connectionOf(socket);
  const queue = conn.writeBuffer ?? [];
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of queue) {
    const data = packet.data;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
  }
  return { packets: queue.length, bytes };
}

/**
 * A plain disconnect waits for the backlog to drain, which a stalled reader never lets
 * happen; so the transport is torn down at once and its buffers freed.
 */
export function dropNow(socket: Socket): void {
  const conn = connectionOf(socket);
  const ws = conn.transport?.socket;
  socket.disconnect(true);
  conn.close(true);
  ws?.terminate?.();
}

/** The internals above as the installed engine.io has them, for the test that guards them. */
export function internalsOf(socket: Socket): { writeBuffer: unknown; bufferedAmount: unknown; close: unknown; terminate: unknown } {
  const conn = connectionOf(socket);
  return {
    writeBuffer: conn.writeBuffer,
    bufferedAmount: conn.transport?.socket?.bufferedAmount,
    close: conn.close,
    terminate: conn.transport?.socket?.terminate,
  };
}
