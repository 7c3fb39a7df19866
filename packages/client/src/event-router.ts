import { ServerEvent, type TableRefreshPayload } from '@liveprogress/protocol';
import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';
import type { ErrorReporter } from './listener-set.js';
import { matchesPattern } from './wildcard.js';

export type EventHandler<T = unknown> = (data: T, event: string) => void;
export type TableRefreshHandler = (event: TableRefreshPayload) => void;

/** An event handler, or a table-refresh handler: a `platform.table.refresh` route narrowed to its table pattern. */
interface Route {
  pattern: string;
  table?: string;
  handler: EventHandler;
}

/**
 * Routes every server event (fed from Socket.IO's `onAny`) to handlers by wildcard pattern, and
 * `platform.table.refresh` to table handlers by table name (wildcards allowed, e.g. `orders_*`):
 * one registry, so a refresh the client raises itself reaches the same handlers as the server's.
 */
export class EventRouter {
  readonly #routes = new Map<string, Route>();
  #nextId = 1;
  readonly #report: ErrorReporter;

  constructor(report: ErrorReporter) {
    this.#report = report;
  }

  subscribe<T = unknown>(pattern: string, handler: EventHandler<T>): string {
    if (typeof pattern !== 'string' || pattern.length === 0) {
      throw new LiveProgressClientError(
        'INVALID_ARGUMENT',
        DEV ? "subscribeToEvent needs a non-empty pattern such as 'custom.event.*' or '*'" : seeDocs('INVALID_ARGUMENT', 'client.md#events-tables-requests'),
      );
    }
    if (typeof handler !== 'function')
      throw new LiveProgressClientError(
        'INVALID_ARGUMENT',
        DEV ? 'subscribeToEvent needs a handler function' : seeDocs('INVALID_ARGUMENT', 'client.md#events-tables-requests'),
      );
    // The handler decides what T is; the router only sees unknown payloads.
    return this.#add('event', { pattern, handler: handler as EventHandler });
  }

  onTableRefresh(table: string, handler: TableRefreshHandler): string {
    if (typeof table !== 'string' || table.length === 0) {
      throw new LiveProgressClientError(
        'INVALID_ARGUMENT',
        DEV ? "onTableRefresh needs a table name such as 'my_operations'" : seeDocs('INVALID_ARGUMENT', 'client.md#events-tables-requests'),
      );
    }
    if (typeof handler !== 'function')
      throw new LiveProgressClientError(
        'INVALID_ARGUMENT',
        DEV ? 'onTableRefresh needs a handler function' : seeDocs('INVALID_ARGUMENT', 'client.md#events-tables-requests'),
      );
    return this.#add('table', { pattern: ServerEvent.TABLE_REFRESH, table, handler: (payload) => handler(payload as TableRefreshPayload) });
  }

  unsubscribe(id: string): boolean {
    return this.#routes.delete(id);
  }

  dispatch(event: string, payload: unknown): void {
    for (const [id, route] of [...this.#routes]) {
      if (!this.#routes.has(id) || !matchesPattern(route.pattern, event)) continue;
      if (route.table !== undefined && !(isTableRefresh(payload) && matchesPattern(route.table, payload.table))) continue;
      try {
        route.handler(payload, event);
      } catch (error) {
        // Which handler: in words in development, only its pattern or table in production (docs/client.md, Development and production builds).
        this.#report(
          error,
          DEV
            ? route.table === undefined
              ? `the handler of '${route.pattern}' (${event})`
              : `the table refresh handler of '${route.table}'`
            : (route.table ?? route.pattern),
        );
      }
    }
  }

  /** The event handlers (`events`) and the table handlers (`tables`), by id. */
  list(): { events: { id: string; pattern: string }[]; tables: { id: string; table: string }[] } {
    const events: { id: string; pattern: string }[] = [];
    const tables: { id: string; table: string }[] = [];
    for (const [id, { pattern, table }] of this.#routes) {
      if (table === undefined) events.push({ id, pattern });
      else tables.push({ id, table });
    }
    return { events, tables };
  }

  clear(): void {
    this.#routes.clear();
  }

  #add(kind: 'event' | 'table', route: Route): string {
    const id = `${kind}-${this.#nextId++}`;
    this.#routes.set(id, route);
    return id;
  }
}

function isTableRefresh(payload: unknown): payload is TableRefreshPayload {
  return typeof (payload as { table?: unknown } | null | undefined)?.table === 'string';
}
