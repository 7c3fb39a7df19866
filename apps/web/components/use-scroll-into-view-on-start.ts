'use client';

import { type RefObject, useEffect, useRef } from 'react';

/**
 * Brings the live panel up when the person starts an operation: on a phone the panel sits
 * under the form, below the fold, and progress would arrive where nobody looks. Smooth, unless
 * the person asked for reduced motion. Not on a page opened with an operation already in it
 * (a reload, a shared link): there the person chose where to look.
 */
export function useScrollIntoViewOnStart(panel: RefObject<HTMLElement | null>, starting: boolean, operationId: string | null): void {
  const openedWith = useRef(operationId);
  useEffect(() => {
    if (!starting && (operationId === null || operationId === openedWith.current)) return;
    const element = panel.current;
    if (!element) return;
    const box = element.getBoundingClientRect();
    // Its top is already on screen, in the upper part: leave the page where it is.
    if (box.top >= 0 && box.top < window.innerHeight * 0.6) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  }, [panel, starting, operationId]);
}
