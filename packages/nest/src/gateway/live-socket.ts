import type { ClientToServerEvents, ServerToClientEvents } from '@liveprogress/protocol';
import type { Socket } from 'socket.io';

/** A connected client's socket, typed by the protocol's catalogue in both directions. */
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
