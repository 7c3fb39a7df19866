import { type AckSuccess, type ConnectionState, LiveProgressClientError, type LiveTransport, type TransportHooks } from '@liveprogress/client';
import { type ClientRequest, isTerminalStatus, type ListRequest, type RequestPayload } from '@liveprogress/protocol';
import type { ScriptedServer } from './scripted-server.js';

const state = (status: ConnectionState['status']): ConnectionState =>
  Object.freeze({ status, error: null, attempt: 0, nextRetryAt: null, socketId: status === 'connected' ? 'scripted' : null, transport: 'socket' });

/**
 * The client's transport to a `ScriptedServer`: it connects at once, answers requests as the
 * server would (subscribe with the snapshot and the events after `afterSeq`, list, cancel,
 * delete) and hands the client every event the test scripts. No socket, no timer. It reports
 * itself as a socket: to the client it behaves as a connected socket does.
 */
export class ScriptedTransport implements LiveTransport {
  readonly kind = 'socket' as const;
  readonly failures = 0;
  private state = state('idle');
  private readonly listeners = new Set<() => void>();
  private stopPushes: (() => void) | null = null;

  constructor(
    private readonly server: ScriptedServer,
    private readonly hooks: TransportHooks,
  ) {}

  get connected(): boolean {
    return this.state.status === 'connected';
  }

  getSnapshot = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  connect(): void {
    if (this.connected) return;
    this.stopPushes = this.server.onPush((name, payload) => this.hooks.onServerEvent(name, payload));
    this.setState('connected');
    this.hooks.onConnected();
  }

  disconnect(): void {
    if (!this.connected) return;
    this.stopPushes?.();
    this.stopPushes = null;
    this.setState('disconnected');
    this.hooks.onDisconnected();
  }

  close(): void {
    this.disconnect();
    this.listeners.clear();
  }

  async setToken(): Promise<void> {}

  async request<E extends ClientRequest>(event: E, payload: RequestPayload<E>): Promise<AckSuccess<E>> {
    if (!this.connected) throw new LiveProgressClientError('DISCONNECTED', `${event} needs a connection`);
    return this.answer(event, payload as Record<string, unknown>) as AckSuccess<E>;
  }

  private answer(event: ClientRequest, payload: Record<string, unknown>): object {
    const operationId = payload.operationId as string;
    switch (event) {
      case 'operation.subscribe': {
        const { snapshot, events } = this.server.ensure(operationId);
        const afterSeq = typeof payload.afterSeq === 'number' ? payload.afterSeq : snapshot.seq;
        return { ok: true, snapshot, events: events.filter((e) => e.seq > afterSeq), recovered: true };
      }
      case 'operation.unsubscribe':
      case 'auth.refresh':
        return { ok: true };
      case 'operations.list':
        return { ok: true, operations: this.server.list(payload as ListRequest) };
      case 'operation.cancel': {
        const { snapshot } = this.server.ensure(operationId);
        if (isTerminalStatus(snapshot.status)) return { ok: true };
        this.server.emit(operationId, {
          event: 'progress.failed',
          operationId,
          operationType: snapshot.operationType,
          status: 'cancelled',
          progress: snapshot.progress,
          error: { code: 'CANCELLED', message: 'Cancelled by the user' },
          timestamp: Date.now(),
        });
        return { ok: true };
      }
      case 'operation.delete':
        this.server.delete(operationId);
        return { ok: true };
      default:
        throw new LiveProgressClientError('INVALID_ARGUMENT', `the scripted server of @liveprogress/react/testing does not answer ${event}`);
    }
  }

  private setState(status: ConnectionState['status']): void {
    this.state = state(status);
    for (const listener of [...this.listeners]) listener();
  }
}
