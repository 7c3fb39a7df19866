import { type RefObject, useEffect } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

/**
 * Keeps keyboard focus inside `root` while `active` (a modal dialog's rule): focus moves in
 * when it starts, Tab and Shift+Tab wrap around, focus that escapes (a click behind the
 * dialog) is brought back, and when it ends focus returns to the element that had it before.
 */
export function useFocusTrap(root: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    const element = root.current;
    if (!active || !element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (focusables(element)[0] ?? element).focus();

    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Tab') return;
      const items = focusables(element);
      const first = items[0];
      const last = items.at(-1);
      if (!first || !last) {
        event.preventDefault();
        element.focus();
        return;
      }
      const current = document.activeElement;
      if (event.shiftKey && (current === first || current === element || !element.contains(current))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (current === last || !element.contains(current))) {
        event.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (event: FocusEvent): void => {
      if (event.target instanceof Node && !element.contains(event.target)) (focusables(element)[0] ?? element).focus();
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
      // The opener may be gone (its row re-rendered away); then focus stays where the browser puts it.
      if (opener?.isConnected) opener.focus();
    };
  }, [root, active]);
}
