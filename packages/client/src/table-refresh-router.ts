import { ServerEvent, type TableRefreshPayload } from '@liveprogress/protocol';
import { LiveProgressClientError } from './errors.js';
import type { ErrorReporter } from './listener-set.js';
import { matchesPattern } from './wildcard.js';

export type TableRefreshHandler = (event: TableRefreshPayload) => void;

/** `platform.table.refresh` handlers keyed by table name (wildcards allowed, e.g. `orders_*`). */
export class TableRefreshRouter {
  private readonly handlers = new Map<string, { table: string; handler: TableRefreshHandler }>();
  private nextId = 1;

  constructor(private readonly report: ErrorReporter) {}

  add(table: string, handler: TableRefreshHandler): string {
    if (typeof table !== 'string' || table.length === 0) {
      throw new LiveProgressClientError('INVALID_ARGUMENT', "onTableRefresh needs a table name such as 'my_operations'");
    }
    if (typeof handler !== 'function') throw new LiveProgressClientError('INVALID_ARGUMENT', 'onTableRefresh needs a handler function');
    const id = `table-${this.nextId++}`;
    this.handlers.set(id, { table, handler });
    return id;
  }

  remove(id: string): boolean {
    return this.handlers.delete(id);
  }

  dispatch(event: string, payload: unknown): void {
    if (event !== ServerEvent.TABLE_REFRESH || !isTableRefresh(payload)) return;
    for (const [id, entry] of [...this.handlers]) {
      if (!this.handlers.has(id) || !matchesPattern(entry.table, payload.table)) continue;
      try {
        entry.handler(payload);
      } catch (error) {
        this.report(error, `the table refresh handler of '${entry.table}'`);
      }
    }
  }

  list(): { id: string; table: string }[] {
    return [...this.handlers].map(([id, entry]) => ({ id, table: entry.table }));
  }

  clear(): void {
    this.handlers.clear();
  }
}

function isTableRefresh(payload: unknown): payload is TableRefreshPayload {
  return typeof payload === 'object' && payload !== null && typeof (payload as { table?: unknown }).table === 'string';
}
