import type { ClientToServerEvents, ServerToClientEvents } from '@liveprogress/protocol';
import type { Server } from 'socket.io';

/** A Socket.IO server typed by the protocol's catalogue: a catalogue event must carry its payload type. */
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
