'use client';

import { useWebSocket } from '@liveprogress/react';
import { useState } from 'react';
import { toast } from 'sonner';

/**
 * Cancels an operation over the socket (`operation.cancel`). Whoever may see an
 * operation may cancel it; it then ends as `cancelled` and the trackers show it.
 */
export function CancelButton({ operationId, label = 'Cancel operation' }: { operationId: string; label?: string }) {
  const { client, isConnected } = useWebSocket();
  const [pending, setPending] = useState(false);

  const cancel = async () => {
    if (!client) return;
    setPending(true);
    try {
      await client.cancel(operationId);
    } catch (error) {
      toast.error('Could not cancel', { description: error instanceof Error ? error.message : String(error) });
    } finally {
      setPending(false);
    }
  };

  return (
    <button type="button" className="button button--danger button--small" onClick={() => void cancel()} disabled={pending || !isConnected}>
      {pending ? 'Cancelling…' : label}
    </button>
  );
}
