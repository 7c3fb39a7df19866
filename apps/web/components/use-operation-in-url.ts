'use client';

import { type LiveOperationState, useOperation } from '@liveprogress/react';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useSession } from './session-provider';

/**
 * Keeps the followed operation's id in the address (`?op=…`), so a reload — or a
 * shared link — picks the same operation up again from its current state. It is also
 * remembered per user and page for this tab (sessionStorage), so leaving an example
 * mid-run and coming back through the menu shows the operation again, not an empty
 * page. Returns the id to show: the one this page just started, else the address's,
 * else the remembered one while it still runs (a finished one is in the operations list).
 */
export function useOperationInUrl(state: Pick<LiveOperationState<unknown>, 'status' | 'operationId'>): string | null {
  const fromUrl = useSearchParams().get('op');
  const pathname = usePathname();
  const { session } = useSession();
  // Per user: after a sign-out the next user of this tab must not be shown the last one's operation.
  const key = session ? `liveprogress.demo.last-op:${session.tenantId}/${session.userId}:${pathname}` : null;
  const [remembered, setRemembered] = useState<string | null>(null);

  useEffect(() => {
    setRemembered(key ? window.sessionStorage.getItem(key) : null);
  }, [key]);

  const rememberedOp = useOperation(state.status === 'idle' && !fromUrl ? remembered : null);
  const stillRunning = rememberedOp.snapshot !== null && !rememberedOp.isTerminal && !rememberedOp.isLost;
  const shown = state.status === 'idle' ? (fromUrl ?? (stillRunning ? remembered : null)) : state.operationId;

  useEffect(() => {
    if (!shown) return;
    if (key) window.sessionStorage.setItem(key, shown);
    if (shown === fromUrl) return;
    const params = new URLSearchParams(window.location.search);
    params.set('op', shown);
    // Next.js syncs useSearchParams with the native history API; no server round trip.
    window.history.replaceState(null, '', `?${params.toString()}`);
  }, [shown, fromUrl, key]);

  return shown;
}
