import type { ClientRequest, RequestPayload } from '@liveprogress/protocol';
import type { LiveProgressClientError, AckSuccess, RequestTransport } from '../../src/index.js';

interface Pending {
  event: ClientRequest;
  payload: unknown;
  resolve: (ack: unknown) => void;
  reject: (error: unknown) => void;
}

/** A hand-driven transport for the pure store tests: every request waits until the test answers it. */
export class FakeTransport implements RequestTransport {
  connected = true;
  readonly sent: { event: ClientRequest; payload: unknown }[] = [];
  private readonly pending: Pending[] = [];

  request<E extends ClientRequest>(event: E, payload: RequestPayload<E>): Promise<AckSuccess<E>> {
    this.sent.push({ event, payload });
    return new Promise((resolve, reject) => {
      this.pending.push({ event, payload, resolve: resolve as (ack: unknown) => void, reject });
    });
  }

  sentOf(event: ClientRequest): unknown[] {
    return this.sent.filter((entry) => entry.event === event).map((entry) => entry.payload);
  }

  /** Answers the oldest pending request of that event. */
  answer(event: ClientRequest, ack: object): void {
    const index = this.pending.findIndex((entry) => entry.event === event);
    if (index < 0) throw new Error(`no pending ${event}`);
    const [entry] = this.pending.splice(index, 1);
    entry!.resolve({ ok: true, ...ack });
  }

  refuse(event: ClientRequest, error: LiveProgressClientError): void {
    const index = this.pending.findIndex((entry) => entry.event === event);
    if (index < 0) throw new Error(`no pending ${event}`);
    const [entry] = this.pending.splice(index, 1);
    entry!.reject(error);
  }

  pendingCount(event: ClientRequest): number {
    return this.pending.filter((entry) => entry.event === event).length;
  }
}

export const flushPromises = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
