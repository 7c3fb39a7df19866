import { isTerminalStatus, Limits, type ListRequest, type OperationSnapshot } from '@liveprogress/protocol';
import { LiveProgressClientError } from './errors.js';
import { defaultErrorReporter, ListenerSet } from './listener-set.js';
import type { LiveProgressClient } from './live-progress-client.js';

export interface OperationListOptions extends ListRequest {
  /** `platform.table.refresh` tables whose refresh re-lists (default none). */
  refreshOnTables?: string[];
  /** Watch listed operations that are still running, so their progress is live (default true). */
  live?: boolean;
  /** Re-list this often; off by default (the list is event-driven). */
  refreshIntervalMs?: number;
}

export interface OperationListState {
  /** Newest first, live snapshots merged in, filtered by status/operationType. */
  readonly operations: readonly OperationSnapshot[];
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly error: LiveProgressClientError | null;
  readonly updatedAt: number | null;
}

const IDLE: OperationListState = Object.freeze({ operations: Object.freeze([]), status: 'idle', error: null, updatedAt: null });

/**
 * A live `operations.list` for `useOperations`: active while it has listeners (the
 * first one starts it, the last one stops it), shaped for `useSyncExternalStore`.
 * An operation that becomes lost (see `SubscriptionStatus`) leaves the list.
 * Built with `new OperationListStore(client, options)`, not by a client method, so an
 * app that shows no list does not carry it (docs/client.md, Live operation lists).
 */
export class OperationListStore {
  private state: OperationListState = IDLE;
  private items: OperationSnapshot[] = [];
  private readonly listeners = new ListenerSet(defaultErrorReporter, 'an operation list listener');
  private readonly watches = new Map<string, () => void>();
  private stops: (() => void)[] = [];
  private requestId = 0;

  constructor(
    private readonly client: LiveProgressClient,
    private readonly options: OperationListOptions = {},
  ) {}

  getSnapshot = (): OperationListState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    const off = this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      off();
      if (this.listeners.size === 0) this.stop();
    };
  };

  async refresh(): Promise<void> {
    const id = ++this.requestId;
    // Only the first load (or a retry after an error) shows 'loading'; a re-list keeps the rows on screen.
    if (this.state.status !== 'ready') this.setState({ status: 'loading' });
    try {
      const { status, operationType, limit } = this.options;
      const operations = await this.client.listOperations(withoutUndefined({ status, operationType, limit }));
      if (id !== this.requestId) return;
      this.items = operations;
      this.recompute({ status: 'ready', error: null, updatedAt: Date.now() });
    } catch (error) {
      if (id !== this.requestId) return;
      const failure = error instanceof LiveProgressClientError ? error : new LiveProgressClientError('INTERNAL', String(error), { cause: error });
      this.setState({ status: 'error', error: failure });
    }
  }

  dispose(): void {
    this.stop();
    this.listeners.clear();
  }

  private start(): void {
    let wasConnected = false;
    const onConnection = (): void => {
      const connected = this.client.connection.getSnapshot().status === 'connected';
      // Re-list on every (re)connect: anything may have changed while we were away.
      if (connected && !wasConnected) void this.refresh();
      wasConnected = connected;
    };
    this.stops.push(this.client.connection.subscribe(onConnection));
    for (const table of this.options.refreshOnTables ?? []) {
      const id = this.client.onTableRefresh(table, () => void this.refresh());
      this.stops.push(() => this.client.offTableRefresh(id));
    }
    this.stops.push(this.client.operations.subscribe(() => this.recompute({})));
    if (this.options.refreshIntervalMs) {
      const timer = setInterval(() => {
        if (this.client.getStatus() === 'connected') void this.refresh();
      }, this.options.refreshIntervalMs);
      this.stops.push(() => clearInterval(timer));
    }
    onConnection();
  }

  private stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const release of this.watches.values()) release();
    this.watches.clear();
    this.requestId += 1;
  }

  /** Merges live snapshots into the listed items, adds newly watched matches, and keeps watches in step. */
  private recompute(patch: Partial<OperationListState>): void {
    const byId = new Map(this.items.map((item) => [item.operationId, item]));
    for (const { operationId } of this.client.operations.watchedOperations()) {
      const { snapshot: live, isLost } = this.client.operations.getSnapshot(operationId);
      // Deleted, expired or gone with a restarted server: it has no row any more.
      if (isLost) {
        byId.delete(operationId);
        continue;
      }
      const known = byId.get(operationId);
      if (live && (known ? live.seq > known.seq : this.matches(live))) byId.set(operationId, live);
    }
    const limit = this.options.limit ?? Limits.LIST_LIMIT_DEFAULT;
    const next = [...byId.values()]
      .filter((item) => this.matches(item))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit);
    this.items = next;
    this.syncWatches(next);
    const same = next.length === this.state.operations.length && next.every((item, i) => item === this.state.operations[i]);
    this.setState(same ? patch : { ...patch, operations: Object.freeze(next) });
  }

  private syncWatches(items: OperationSnapshot[]): void {
    if (this.options.live === false) return;
    const wanted = new Set(items.filter((item) => !isTerminalStatus(item.status)).map((item) => item.operationId));
    for (const [id, release] of this.watches) {
      if (!wanted.has(id)) {
        this.watches.delete(id);
        release();
      }
    }
    if (this.listeners.size === 0) return;
    for (const id of wanted) if (!this.watches.has(id)) this.watches.set(id, this.client.watchOperation(id));
  }

  private matches(item: OperationSnapshot): boolean {
    const { status, operationType } = this.options;
    return (status === undefined || item.status === status) && (operationType === undefined || item.operationType === operationType);
  }

  private setState(patch: Partial<OperationListState>): void {
    const next = { ...this.state, ...patch };
    const keys = Object.keys(next) as (keyof OperationListState)[];
    if (keys.every((key) => next[key] === this.state[key])) return;
    this.state = Object.freeze(next);
    this.listeners.emit();
  }
}

function withoutUndefined(filter: ListRequest): ListRequest {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as ListRequest;
}
