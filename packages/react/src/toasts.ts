import type { Toast } from '@liveprogress/protocol';
import { toast as sonner } from 'sonner';

/** A toast as the hooks and the provider hand it to `onToast` (docs/react.md, Toasts). */
export interface ToastEvent extends Toast {
  /** `system` for a `platform.system.alert`, `operation` for an operation's own outcome. */
  source: 'system' | 'operation';
  /** Set when the toast is about one operation. */
  operationId?: string;
}

/** Shows a toast with sonner; needs a `<Toaster />` mounted somewhere in the app. */
export function showToast(event: ToastEvent): void {
  const options = {
    ...(event.message ? { description: event.message } : {}),
    ...(event.duration === undefined ? {} : { duration: event.duration }),
  };
  sonner[event.type](event.title, options);
}

/** Reads a `platform.system.alert` payload; anything else is ignored rather than shown half-formed. */
export function toSystemToast(payload: unknown): ToastEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const toast = (payload as { toast?: unknown }).toast;
  if (typeof toast !== 'object' || toast === null) return null;
  const { title, message, type, duration } = toast as Record<string, unknown>;
  if (typeof title !== 'string' || !isToastType(type)) return null;
  return {
    source: 'system',
    title,
    message: typeof message === 'string' ? message : '',
    type,
    ...(typeof duration === 'number' ? { duration } : {}),
  };
}

function isToastType(value: unknown): value is Toast['type'] {
  return value === 'info' || value === 'success' || value === 'warning' || value === 'error';
}
