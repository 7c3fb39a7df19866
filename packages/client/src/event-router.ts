import { LiveProgressClientError } from './errors.js';
import type { ErrorReporter } from './listener-set.js';
import { matchesPattern } from './wildcard.js';

export type EventHandler<T = unknown> = (data: T, event: string) => void;

interface Route {
  pattern: string;
  handler: EventHandler;
}

/** Routes every server event (fed from Socket.IO's `onAny`) to handlers by wildcard pattern. */
export class EventRouter {
  private readonly routes = new Map<string, Route>();
  private nextId = 1;

  constructor(private readonly report: ErrorReporter) {}

  subscribe<T = unknown>(pattern: string, handler: EventHandler<T>): string {
    if (typeof pattern !== 'string' || pattern.length === 0) {
      throw new LiveProgressClientError('INVALID_ARGUMENT', "subscribeToEvent needs a non-empty pattern such as 'custom.event.*' or '*'");
    }
    if (typeof handler !== 'function') throw new LiveProgressClientError('INVALID_ARGUMENT', 'subscribeToEvent needs a handler function');
    const id = `event-${this.nextId++}`;
    // The handler decides what T is; the router only sees unknown payloads.
    this.routes.set(id, { pattern, handler: handler as EventHandler });
    return id;
  }

  unsubscribe(id: string): boolean {
    return this.routes.delete(id);
  }

  dispatch(event: string, payload: unknown): void {
    for (const [id, route] of [...this.routes]) {
      if (!this.routes.has(id) || !matchesPattern(route.pattern, event)) continue;
      try {
        route.handler(payload, event);
      } catch (error) {
        this.report(error, `the handler of '${route.pattern}' (${event})`);
      }
    }
  }

  list(): { id: string; pattern: string }[] {
    return [...this.routes].map(([id, route]) => ({ id, pattern: route.pattern }));
  }

  clear(): void {
    this.routes.clear();
  }
}
