import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import type { InvalidationMap } from './invalidation-map.js';
import { useInvalidationSignals } from './use-invalidation-signals.js';

/**
 * Invalidates TanStack Query keys when the server refreshes a table or a watched operation
 * ends; each key matches by prefix, as `queryClient.invalidateQueries({ queryKey })` does, so
 * active queries refetch and inactive ones refetch when next used. Uses the `QueryClientProvider`'s
 * client unless one is given.
 */
export function useLiveProgressInvalidation(map: InvalidationMap<QueryKey>, queryClient?: QueryClient): void {
  const client = useQueryClient(queryClient);
  useInvalidationSignals(map, (queryKey) => {
    void client.invalidateQueries({ queryKey });
  });
}
