'use client';

import { useWebSocket, type ConnectionStatus as Status } from '@liveprogress/react';
import styles from './connection-status.module.css';

const LABEL: Record<Status, string> = {
  // Shown only while signed in, where idle is the moment before the first connect: it is connecting.
  idle: 'Connecting…',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Offline',
  unauthorized: 'Not authorized',
};

/** The live connection's state, in the header of every signed-in page (signed out there is no connection to show). */
export function ConnectionStatus() {
  const { status, connection } = useWebSocket();
  const reason = connection.error ? ` (${connection.error.code})` : '';
  // The client falls back to SSE, then polling, when the socket cannot get through.
  const transport = connection.transport ?? 'socket';
  return (
    <span
      className={styles.status}
      data-connection={status === 'idle' ? 'connecting' : status}
      data-transport={transport}
      role="status"
      aria-label={`Connection: ${LABEL[status]}`}
      title={`Live connection over ${transport}: ${status}${reason}`}
    >
      <span className={styles.dot} aria-hidden="true" />
      {LABEL[status]}
      {transport !== 'socket' && status === 'connected' ? <span className={styles.transport}>via {transport.toUpperCase()}</span> : null}
    </span>
  );
}
