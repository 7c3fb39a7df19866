'use client';

import type { OperationSnapshot } from '@liveprogress/protocol';
import { useLiveProgressInvalidation } from '@liveprogress/react/swr';
import useSWR from 'swr';
import { useApiUrl } from './api-url';
import { useSession } from './session-provider';

interface Counts {
  running: number;
  completed: number;
  ended: number;
}

/**
 * Counts by status from the HTTP API, cached by SWR, and made stale by live events through
 * `@liveprogress/react/swr` (docs/react.md, Query invalidation): a `my_operations` table refresh
 * or the end of an operation this page watches revalidates it; nothing polls.
 */
export function OperationCounts() {
  const apiUrl = useApiUrl();
  const { session } = useSession();
  const key = session ? ['operation-counts', session.tenantId, session.userId] : null;
  useLiveProgressInvalidation({ tables: { my_operations: key ? [key] : [] }, onOperationEnd: () => (key ? [key] : []) });
  const { data } = useSWR(key, async (): Promise<Counts> => {
    const res = await fetch(`${apiUrl}/api/v1/operations?limit=100`, { headers: { authorization: `Bearer ${session?.token}` } });
    if (!res.ok) throw new Error(`the operations list answered ${res.status}`);
    const { operations } = (await res.json()) as { operations: OperationSnapshot[] };
    const running = operations.filter((op) => op.status === 'running' || op.status === 'pending').length;
    const completed = operations.filter((op) => op.status === 'completed').length;
    return { running, completed, ended: operations.length - running - completed };
  });
  if (!data) return null;
  return (
    <span className="hint" data-testid="operation-counts">
      {data.running} running · {data.completed} completed · {data.ended} failed or cancelled
    </span>
  );
}
