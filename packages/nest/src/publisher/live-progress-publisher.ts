import { Limits, Rooms } from '@liveprogress/protocol';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { ClusterMessage } from '../cluster-messages.js';
import { type Notifier, toNotice } from '../notifiers/notifier.interface.js';
import type { OperationHandle } from '../operations/operation-handle.js';
import { OperationRuntime } from '../operations/operation-runtime.js';
import type { StartOperationInput } from '../operations/start-operation-input.js';
import { RedisConnection, type RedisOptions } from '../redis/redis-connection.js';
import { RedisLeases } from '../redis/redis-leases.js';
import { RedisOperationStore } from '../redis/redis-operation.store.js';

export interface PublisherOptions extends RedisOptions {
  /** Must match the gateways' settings. */
  coalesceIntervalMs?: number;
  retention?: { terminalMs?: number; maxEvents?: number };
  producerLeaseMs?: number;
  /** Where errors go; default console.error. */
  onError?: (message: string) => void;
  /** Outside systems told about this process's operations (e.g. a WebhookNotifier), as the module's `notifiers` are. */
  notifiers?: Notifier[];
}

/**
 * Reports operations from any Node process with only a Redis URL — a queue worker, a
 * cron job, a script — with the same handle API as inside Nest. Events go into the same
 * store and out through the same Socket.IO adapter the gateways use, so subscribers on
 * any node see them; cancels from any node reach the handle's AbortSignal here.
 */
export class LiveProgressPublisher {
  private constructor(
    private readonly runtime: OperationRuntime,
    private readonly server: Server,
    private readonly leases: RedisLeases,
    private readonly connection: RedisConnection,
    private readonly cancelTimeoutMs: number,
    private readonly notifiers: Notifier[] | undefined,
  ) {}

  static async connect(options: PublisherOptions): Promise<LiveProgressPublisher> {
    const connection = await RedisConnection.open(options);
    const redis = connection.client as Redis;
    const keyPrefix = options.keyPrefix ?? 'lp:';
    const store = new RedisOperationStore({
      redis,
      keyPrefix,
      maxEvents: options.retention?.maxEvents ?? Limits.RETAINED_EVENTS_DEFAULT,
      terminalRetentionMs: options.retention?.terminalMs ?? Limits.RETENTION_MS_DEFAULT,
      broadcast: true,
    });
    const leases = new RedisLeases(redis, store.keys, options.producerLeaseMs ?? 60_000);
    // A Socket.IO server attached to nothing: only its adapter is used, to reach the gateways' sockets.
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    const server = new Server();
    server.adapter(createAdapter(redis, { streamName: store.keys.adapterStream(), channelPrefix: store.keys.adapterStream(), onlyPlaintext: true }));
    const report = options.onError ?? ((message: string) => console.error(`[LiveProgressPublisher] ${message}`));
    const runtime = new OperationRuntime({
      store,
      coalesceIntervalMs: options.coalesceIntervalMs ?? 100,
      // The store broadcasts each event to its room itself; what is left here is notifying.
      deliver: ({ event, snapshot }) => {
        if (!snapshot) return;
        for (const notifier of options.notifiers ?? []) {
          try {
            notifier.notify(toNotice(event, snapshot));
          } catch (err) {
            report(`a notifier failed: ${String(err)}`);
          }
        }
      },
      needsSnapshot: () => (options.notifiers?.length ?? 0) > 0,
      waitForSubscriber: (id, timeoutMs) => waitForRoom(server, Rooms.operation(id), timeoutMs),
      leases,
      logger: { error: report, warn: report },
    });
    const publisher = new LiveProgressPublisher(runtime, server, leases, connection, 10_000, options.notifiers);
    server.on(ClusterMessage.CANCEL, ({ operationId }: { operationId: string }, reply: (answer: string) => void) => {
      if (!runtime.handle(operationId)) return reply('absent');
      void runtime.cancelLocal(operationId, publisher.cancelTimeoutMs);
      reply('accepted');
    });
    leases.startHeartbeat(() => runtime.selfRunIds());
    return publisher;
  }

  start(input: StartOperationInput): OperationHandle {
    return this.runtime.start(input);
  }

  handle(operationId: string): OperationHandle | undefined {
    return this.runtime.handle(operationId);
  }

  /** Flushes what was reported, stops renewing leases, and disconnects. */
  async close(): Promise<void> {
    await this.runtime.flushAll();
    this.leases.stopHeartbeat();
    await Promise.all((this.notifiers ?? []).map((n) => n.close?.()));
    await this.server.of('/').adapter.close();
    await this.connection.close();
  }
}

async function waitForRoom(server: Server, room: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await server.in(room).fetchSockets()).length > 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now()))));
  }
}
