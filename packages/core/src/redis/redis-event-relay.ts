import type { StoredEvent } from '@liveprogress/protocol';
import type { Redis } from 'ioredis';
import type { EventRelay } from '../store/event-relay.js';
import type { RedisKeys } from './redis-keys.js';

/**
 * Hears the events other processes store for operations this node streams over SSE.
 * The append script publishes each event on the operation's channel as it stores it;
 * a node subscribes only while it has a stream open for that operation, so broadcasts
 * to sockets (through the Socket.IO adapter) carry no extra traffic for SSE.
 */
export class RedisEventRelay implements EventRelay {
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, (event: StoredEvent) => void>();

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
  ) {
    this.subscriber = redis.duplicate();
    this.subscriber.on('message', (channel: string, message: string) => {
      const handler = this.handlers.get(channel);
      if (!handler) return;
      try {
        handler(JSON.parse(message) as StoredEvent);
      } catch {
        // A message that is not an event is not ours to deliver.
      }
    });
  }

  /** Starts hearing an operation's events; returns the off-function. */
  watch(operationId: string, handler: (event: StoredEvent) => void): () => void {
    const channel = this.keys.liveChannel(operationId);
    this.handlers.set(channel, handler);
    void this.subscriber.subscribe(channel).catch(() => undefined);
    return () => {
      if (this.handlers.get(channel) !== handler) return;
      this.handlers.delete(channel);
      void this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
