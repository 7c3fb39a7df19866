'use client';

import type { LiveOperationState } from '@liveprogress/react';
import { useSearchParams } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Keeps the followed operation's id in the address (`?op=…`), so a reload — or a
 * shared link — picks the same operation up again from its current state. Returns
 * the id to show: the one this page just started, else the one in the address.
 */
export function useOperationInUrl(state: Pick<LiveOperationState<unknown>, 'status' | 'operationId'>): string | null {
  const fromUrl = useSearchParams().get('op');
  const started = state.operationId;

  useEffect(() => {
    if (!started || started === fromUrl) return;
    const params = new URLSearchParams(window.location.search);
    params.set('op', started);
    // Next.js syncs useSearchParams with the native history API; no server round trip.
    window.history.replaceState(null, '', `?${params.toString()}`);
  }, [started, fromUrl]);

  return state.status === 'idle' ? fromUrl : started;
}
