/** Server-side messages between nodes (and publisher processes), carried by the Socket.IO adapter. */
export const ClusterMessage = {
  /** "Cancel this operation if its work runs in your process"; answered with a LocalCancelOutcome. */
  CANCEL: 'liveprogress:cancel',
} as const;
