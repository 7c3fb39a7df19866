import type { StoredEvent } from '@liveprogress/protocol';
import type { Redis } from 'ioredis';
import type { EventRelay } from '../store/event-relay.js';
import type { RedisKeys } from './redis-keys.js';
import { type Logger, consoleLogger } from '../logger.js';
import { OutageLog } from '../outage-log.js';

/**
 * Hears the events other processes store for operations this node streams over SSE.
 * The append script publishes each event on the operation's channel as it stores it;
 * a node subscribes only while it has a stream open for that operation, so broadcasts
 * to sockets (through the Socket.IO adapter) carry no extra traffic for SSE.
 */
export class RedisEventRelay implements EventRelay {
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, (event: StoredEvent) => void>();
  private readonly subscriptions: OutageLog;
  private readonly malformed: OutageLog;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
    logger: Logger = consoleLogger('LiveProgressRelay'),
  ) {
    this.subscriptions = new OutageLog(
      logger,
      'subscribing to the live events of other nodes',
      'SSE streams on this node miss events stored by other processes until it works again; their clients recover by Last-Event-ID',
    );
    this.malformed = new OutageLog(logger, 'reading a live event from Redis', 'The message was not an event and was skipped');
    this.subscriber = redis.duplicate();
    // Without a listener ioredis prints every connection error of its own; one line per outage instead.
    this.subscriber.on('error', (err: Error) => this.subscriptions.failed(err));
    this.subscriber.on('ready', () => this.subscriptions.succeeded());
    this.subscriber.on('message', (channel: string, message: string) => {
      const handler = this.handlers.get(channel);
      if (!handler) return;
      let event: StoredEvent;
      try {
        event = JSON.parse(message) as StoredEvent;
      } catch (err) {
        // A message that is not an event is not ours to deliver.
        this.malformed.failed(err);
        return;
      }
      handler(event);
    });
  }

  /** Starts hearing an operation's events; returns the off-function. */
  watch(operationId: string, handler: (event: StoredEvent) => void): () => void {
    const channel = this.keys.liveChannel(operationId);
    this.handlers.set(channel, handler);
    void this.subscriber.subscribe(channel).then(
      () => this.subscriptions.succeeded(),
      (err: unknown) => this.subscriptions.failed(err),
    );
    return () => {
      if (this.handlers.get(channel) !== handler) return;
      this.handlers.delete(channel);
      void this.subscriber.unsubscribe(channel).then(
        () => this.subscriptions.succeeded(),
        (err: unknown) => this.subscriptions.failed(err),
      );
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
