'use client';

import { useOperation, useWebSocket } from '@liveprogress/react';
import { useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import styles from './cancel-button.module.css';
import { useSession } from './session-provider';

/**
 * Cancels an operation over the socket (`operation.cancel`) after asking first: whoever may
 * see an operation may cancel it, a shared one included, and a cancel cannot be undone. The
 * owner is then told who cancelled (the cancelled event's `error.details.cancelledBy`).
 */
export function CancelButton({ operationId, label = 'Cancel operation' }: { operationId: string; label?: string }) {
  const { client, isConnected } = useWebSocket();
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();

  const ask = () => {
    setAsking(true);
    // A modal <dialog>: focus moves into it, Escape closes it, the page behind is inert.
    dialog.current?.showModal();
  };
  const close = () => {
    dialog.current?.close();
    setAsking(false);
  };
  const cancel = async () => {
    close();
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
    <>
      <button type="button" className="button button--danger button--small" onClick={ask} disabled={pending || !isConnected} aria-haspopup="dialog">
        {pending ? 'Cancelling…' : label}
      </button>
      <dialog ref={dialog} className={styles.dialog} onClose={() => setAsking(false)} aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
        {asking ? <CancelQuestion id={id} operationId={operationId} onKeep={close} onCancel={() => void cancel()} /> : null}
      </dialog>
    </>
  );
}

/** What is about to be cancelled, and whose it is. Reads the operation only while the question is open. */
function CancelQuestion({ id, operationId, onKeep, onCancel }: { id: string; operationId: string; onKeep: () => void; onCancel: () => void }) {
  const { snapshot } = useOperation(operationId);
  const { session } = useSession();
  const name = snapshot?.name ?? 'this operation';
  const owner = snapshot?.ownerId;
  const someoneElses = owner !== undefined && session != null && owner !== session.userId;
  return (
    <>
      <h2 id={`${id}-title`}>Cancel {snapshot?.name ? `“${name}”` : name}?</h2>
      <p id={`${id}-text`}>
        The work stops where it is, at {Math.round(snapshot?.progress ?? 0)}%, and cannot be resumed.
        {someoneElses ? (
          <>
            {' '}
            It was started by <strong>{owner}</strong>, who will be told that you cancelled it.
          </>
        ) : null}
      </p>
      <div className={styles.actions}>
        {/* The safe choice first: a modal dialog focuses its first button. */}
        <button type="button" className="button button--ghost" onClick={onKeep}>
          Keep running
        </button>
        <button type="button" className="button button--danger" onClick={onCancel}>
          Yes, cancel it
        </button>
      </div>
    </>
  );
}
