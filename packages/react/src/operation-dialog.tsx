import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';
import { ProgressTracker, type ProgressConfig } from './progress-tracker.js';
import { useFocusTrap } from './use-focus-trap.js';
import { useLatest } from './use-latest.js';
import { useOperation } from './use-operation.js';

export interface OperationDialogProps {
  /** Shown while true; the operation keeps running on the server whether the dialog is open or not. */
  open: boolean;
  /** What the dialog's `ProgressTracker` follows; `config.title` is also the dialog's accessible name. */
  config: ProgressConfig;
  /** Called on Escape, on the close button, and after `autoCloseMs` once the operation completed. The parent sets `open` to false. */
  onClose: () => void;
  /**
   * Milliseconds between completion and closing by itself; default 1500; `null` never closes by itself.
   * A failed, cancelled or lost operation never closes by itself: its outcome stays until dismissed.
   */
  autoCloseMs?: number | null;
  /** The close button's text; default 'Close'. */
  closeLabel?: string;
  /** Below the tracker, e.g. a Cancel button of the page's own. */
  children?: ReactNode;
  /** Added to the dialog's `lp-dialog` class. */
  className?: string;
  style?: CSSProperties;
}

/**
 * A modal that follows one operation with `ProgressTracker` (docs/react.md, OperationDialog): it
 * closes by itself a moment after completion and stays open on failure, cancellation or loss;
 * it keeps keyboard focus inside, closes on Escape and gives focus back to what opened it.
 * A `div` with `role="dialog"` rather than `<dialog>`, whose modal behaviour is not everywhere yet.
 */
export function OperationDialog({
  open,
  config,
  onClose,
  autoCloseMs = 1500,
  closeLabel = 'Close',
  children,
  className,
  style,
}: OperationDialogProps): ReactNode {
  const titleId = useId();
  const root = useRef<HTMLDivElement>(null);
  const close = useLatest(onClose);
  // Shares the tracker's subscription; read here only to know when the operation ends.
  const { status } = useOperation(open ? config.operationId : null);
  useFocusTrap(root, open);

  useEffect(() => {
    if (!open || status !== 'completed' || autoCloseMs === null) return;
    const timer = setTimeout(() => close.current(), autoCloseMs);
    return () => clearTimeout(timer);
  }, [open, status, autoCloseMs, close]);

  if (!open) return null;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close.current();
  };
  return (
    <div className="lp-dialog__backdrop">
      <div
        ref={root}
        className={className ? `lp-dialog ${className}` : 'lp-dialog'}
        style={style}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-status={status}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="lp-dialog__title">
          {config.title}
        </h2>
        <ProgressTracker config={config} className="lp-dialog__tracker" />
        {children}
        <div className="lp-dialog__actions">
          <button type="button" className="lp-dialog__close" onClick={() => close.current()}>
            {closeLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
