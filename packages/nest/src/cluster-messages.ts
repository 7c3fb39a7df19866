/** Server-side messages between nodes (and publisher processes), carried by the Socket.IO adapter. */
export const ClusterMessage = {
  /** A stored event, for SSE streams and listeners on other nodes (sockets get it through the room). */
  EVENT: 'liveprogress:event',
  /** "Cancel this operation if its work runs in your process"; answered with a LocalCancelOutcome. */
  CANCEL: 'liveprogress:cancel',
} as const;
