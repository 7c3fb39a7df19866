import type { LiveProgressClient } from '@liveprogress/client';
import type { TableRefreshPayload } from '@liveprogress/protocol';

type TableHandler = (event: TableRefreshPayload) => void;

/**
 * Registers table-refresh handlers with the client (for the server's
 * `platform.table.refresh`) and remembers them, so that `useLiveOperation` with
 * `enableTableRefresh` can also tell them when an operation of theirs completes.
 */
export class TableRefreshRelay {
  private readonly handlers = new Map<string, { table: string; handler: TableHandler }>();

  constructor(private readonly client: LiveProgressClient | null) {}

  on(table: string, handler: TableHandler): string {
    if (!this.client) return '';
    const id = this.client.onTableRefresh(table, handler);
    this.handlers.set(id, { table, handler });
    return id;
  }

  off(id: string): void {
    this.handlers.delete(id);
    this.client?.offTableRefresh(id);
  }

  /** Calls the local handlers of `event.table`, as if the server had sent it. */
  dispatch(event: TableRefreshPayload): void {
    for (const { table, handler } of [...this.handlers.values()]) {
      if (table !== event.table) continue;
      try {
        handler(event);
      } catch (error) {
        console.error('[liveprogress] a table-refresh handler threw:', error);
      }
    }
  }
}
