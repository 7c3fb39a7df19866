import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

// useLayoutEffect so the ref is current before any effect or event handler runs;
// on the server neither runs, and useEffect keeps React quiet there.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/** A ref that always holds the latest value, so callbacks read fresh props without re-subscribing. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useIsomorphicLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
