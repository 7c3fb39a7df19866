import type { OperationSnapshot, TableRefreshPayload } from '@liveprogress/protocol';

/**
 * Which cached queries a live event makes stale (docs/react.md, Query invalidation). `K` is the
 * cache's key type: a TanStack Query `QueryKey`, or an SWR key.
 */
export interface InvalidationMap<K> {
  /**
   * `platform.table.refresh` table name → the keys it makes stale, as a list or computed from
   * the refresh (its `action` and `affectedIds`). Refreshes this page causes itself
   * (`useLiveOperation` with `enableTableRefresh`) count too.
   */
  tables?: Record<string, readonly K[] | ((event: TableRefreshPayload) => readonly K[])>;
  /** The keys an operation's end makes stale (an operation this client watches, ending while watched). */
  onOperationEnd?: (snapshot: OperationSnapshot) => readonly K[];
}
