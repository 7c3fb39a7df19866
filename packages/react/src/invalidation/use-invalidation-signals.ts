// The provider's context is reached through the package's own main entry, by name: the CommonJS
// build bundles each entry alone, and a relative import would give this entry a second context.
import { useWebSocket } from '@liveprogress/react';
import { useEffect } from 'react';
import { useLatest } from '../use-latest.js';
import type { InvalidationMap } from './invalidation-map.js';
import { onOperationEnds } from './operation-ends.js';

/**
 * The cache-agnostic half of `@liveprogress/react/query` and `/swr`: calls `invalidate` with every
 * key the map names for a table refresh or an operation's end. The map is read when an event
 * arrives, so an inline object literal does not resubscribe on every render.
 */
export function useInvalidationSignals<K>(map: InvalidationMap<K>, invalidate: (key: K) => void): void {
  const { client, onTableRefresh, offTableRefresh } = useWebSocket();
  const latest = useLatest({ map, invalidate });
  const tableNames = Object.keys(map.tables ?? {})
    .sort()
    .join('\n');

  useEffect(() => {
    if (!tableNames) return;
    const ids = tableNames.split('\n').map((table) =>
      onTableRefresh(table, (event) => {
        const entry = latest.current.map.tables?.[table];
        const keys = typeof entry === 'function' ? entry(event) : (entry ?? []);
        for (const key of keys) latest.current.invalidate(key);
      }),
    );
    return () => {
      for (const id of ids) offTableRefresh(id);
    };
  }, [onTableRefresh, offTableRefresh, tableNames, latest]);

  const watchEnds = map.onOperationEnd !== undefined;
  useEffect(() => {
    if (!client || !watchEnds) return;
    return onOperationEnds(client, (snapshot) => {
      for (const key of latest.current.map.onOperationEnd?.(snapshot) ?? []) latest.current.invalidate(key);
    });
  }, [client, watchEnds, latest]);
}
