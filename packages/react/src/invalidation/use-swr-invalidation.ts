import { type Key, useSWRConfig } from 'swr';
import type { InvalidationMap } from './invalidation-map.js';
import { useInvalidationSignals } from './use-invalidation-signals.js';

/**
 * Revalidates SWR keys (`mutate(key)`) when the server refreshes a table or a watched operation
 * ends. Uses the `SWRConfig`'s cache, so a custom cache provider is respected. An SWR key matches
 * exactly, as `mutate(key)` does.
 */
export function useLiveProgressInvalidation(map: InvalidationMap<Key>): void {
  const { mutate } = useSWRConfig();
  useInvalidationSignals(map, (key) => {
    void mutate(key);
  });
}
