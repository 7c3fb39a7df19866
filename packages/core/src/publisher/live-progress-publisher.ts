import { Server } from 'socket.io';
import { Coordinator } from '../coordination/coordinator.js';
import { SocketIoBroadcaster } from '../coordination/socket-io-broadcaster.js';
import { LiveProgressConfigError } from '../errors.js';
import { OperationLifecycle } from '../lifecycle/operation-lifecycle.js';
import { type Logger, consoleLogger } from '../logger.js';
import { type AnyOperationContract, isOperationContract } from '@liveprogress/protocol';
import { type ContractOperation, type ContractStartInput, startFromContract } from '../operations/contract-operation.js';
import type { OperationHandle } from '../operations/operation-handle.js';
import { OperationEvents } from '../operations/operation-events.js';
import type { StartOperationInput } from '../operations/start-operation-input.js';
import { RedisConnection, type RedisOptions } from '../redis/redis-connection.js';
import { type RuntimeOptions, resolveRuntimeOptions } from '../runtime-options.js';
import { openStore } from '../store/open-store.js';

export interface PublisherOptions extends Omit<RuntimeOptions, 'redis'>, RedisOptions {
  /** Where errors go; default `console.error`. Ignored when `logger` is given. */
  onError?: (message: string) => void;
  logger?: Logger;
}

/**
 * Reports operations from any Node process with only a Redis URL — a queue worker, a
 * cron job, a script — with the same handle API as inside Nest. Events go into the same
 * store and out through the same Socket.IO adapter the gateways use, so subscribers on
 * any node see them; cancels from any node reach the handle's AbortSignal here.
 * Options resolve as the Nest module's do (`resolveRuntimeOptions`); they must match the gateways'.
 */
export class LiveProgressPublisher {
  private constructor(
    private readonly coordinator: Coordinator,
    private readonly server: Server,
    private readonly connection: RedisConnection,
  ) {}

  static async connect(options: PublisherOptions): Promise<LiveProgressPublisher> {
    const { url, client, keyPrefix, onError, logger: given, ...runtime } = options;
    const redis: RedisOptions = { ...(url !== undefined ? { url } : {}), ...(client ? { client } : {}), ...(keyPrefix !== undefined ? { keyPrefix } : {}) };
    const resolved = resolveRuntimeOptions({ ...runtime, redis });
    const logger = given ?? (onError ? { error: onError, warn: onError } : consoleLogger('LiveProgressPublisher'));
    const connection = await RedisConnection.open(redis, resolved.producerLeaseMs);
    try {
      const store = openStore(resolved, connection);
      if (!store.socketAdapter)
        throw new LiveProgressConfigError('The publisher needs a store shared with the gateways (Redis): its store offers no Socket.IO adapter');
      // A Socket.IO server attached to nothing: only its adapter is used, to reach the gateways' sockets.
      const server = new Server();
      server.adapter(await store.socketAdapter());
      const broadcaster = new SocketIoBroadcaster();
      broadcaster.attach(server, { clustered: true });
      const events = new OperationEvents(broadcaster, store, logger);
      const lifecycle = new OperationLifecycle(resolved.notifiers, logger);
      const coordinator = new Coordinator({ store, broadcaster, events, lifecycle, options: resolved, logger });
      coordinator.start({ maintenance: false });
      return new LiveProgressPublisher(coordinator, server, connection);
    } catch (err) {
      await connection.close();
      throw err;
    }
  }

  start<C extends AnyOperationContract>(contract: C, input: ContractStartInput<C>): ContractOperation<C>;
  start(input: StartOperationInput): OperationHandle;
  start<C extends AnyOperationContract>(first: C | StartOperationInput, input?: ContractStartInput<C>): ContractOperation<C> | OperationHandle {
    const start = (untyped: StartOperationInput) => this.coordinator.runtime.start(untyped);
    // A contract (docs/typed-operations.md) types the handle and validates what it reports.
    return isOperationContract(first) ? startFromContract(start, first, input ?? ({} as ContractStartInput<C>)) : start(first);
  }

  handle(operationId: string): OperationHandle | undefined {
    return this.coordinator.runtime.handle(operationId);
  }

  /** Flushes what was reported, stops renewing leases, and disconnects. */
  async close(): Promise<void> {
    await this.coordinator.stop();
    await this.coordinator.close();
    await this.server.of('/').adapter.close();
    await this.connection.close();
  }
}
