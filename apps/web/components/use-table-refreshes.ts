'use client';

import { useWebSocket } from '@liveprogress/react';
import { useEffect, useState } from 'react';

export interface TableRefreshes {
  count: number;
  lastAt: number | null;
  lastAction: string | null;
}

/** Counts `platform.table.refresh` events for one table (and local refreshes from useLiveOperation). */
export function useTableRefreshes(table: string): TableRefreshes {
  const { onTableRefresh, offTableRefresh } = useWebSocket();
  const [seen, setSeen] = useState<TableRefreshes>({ count: 0, lastAt: null, lastAction: null });

  useEffect(() => {
    const subscriptionId = onTableRefresh(table, (event) => {
      setSeen((previous) => ({ count: previous.count + 1, lastAt: Date.now(), lastAction: event.action }));
    });
    return () => offTableRefresh(subscriptionId);
  }, [table, onTableRefresh, offTableRefresh]);

  return seen;
}
