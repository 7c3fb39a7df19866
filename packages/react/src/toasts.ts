import type { Toast } from '@liveprogress/protocol';
import { toast as sonner } from 'sonner';

/** A toast as the hooks and the provider hand it to `onToast` (docs/react.md, Toasts). */
export interface ToastEvent extends Toast {
  /** `system` for a `platform.system.alert`, `operation` for an operation's own outcome. */
  source: 'system' | 'operation';
  /** Set when the toast is about one operation. */
  operationId?: string;
}

/**
 * Shows a toast with sonner; needs a `<Toaster />` mounted somewhere in the app. An operation's
 * end is toasted once: the page's own toast (useLiveOperation) and the server's
 * `platform.system.alert` naming the same operation share one sonner id (docs/protocol.md,
 * `platform.system.alert`). The page's words win, whichever arrives first: a server alert for an
 * end already shown is dropped, and the page's toast takes over one the server showed first.
 */
export function showToast(event: ToastEvent): void {
  const id = endToastId(event);
  if (id !== undefined && event.source === 'system' && sonner.getHistory().some((shown) => shown.id === id)) return;
  const options = {
    ...(event.message ? { description: event.message } : {}),
    ...(event.duration === undefined ? {} : { duration: event.duration }),
    ...(id === undefined ? {} : { id }),
  };
  sonner[event.type](event.title, options);
}

/** The sonner id of an operation's ending toast; `info` toasts (a start, a note) are not ends. */
function endToastId(event: ToastEvent): string | undefined {
  return event.operationId && event.type !== 'info' ? `liveprogress:end:${event.operationId}` : undefined;
}

/** Reads a `platform.system.alert` payload; anything else is ignored rather than shown half-formed. */
export function toSystemToast(payload: unknown): ToastEvent | null {
  // Read through any JSON: a primitive or null payload (or toast) has none of these fields.
  const { title, message, type, duration, operationId } = (payload as { toast?: Record<string, unknown> | null } | null | undefined)?.toast ?? {};
  if (typeof title !== 'string' || !isToastType(type)) return null;
  return {
    source: 'system',
    title,
    message: typeof message === 'string' ? message : '',
    type,
    ...(typeof duration === 'number' ? { duration } : {}),
    ...(typeof operationId === 'string' && operationId.length > 0 ? { operationId } : {}),
  };
}

function isToastType(value: unknown): value is Toast['type'] {
  return value === 'info' || value === 'success' || value === 'warning' || value === 'error';
}
