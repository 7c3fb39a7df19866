import { ClientInspector, type ClientInspection } from './inspector.js';
import type { LiveProgressClient } from './live-progress-client.js';
import { defaultErrorReporter, type ErrorReporter } from './listener-set.js';
import type { NotifyMode } from './notify-scheduler.js';

/** The `subscribe`/`getSnapshot` pair of what a client is doing, for devtools. */
export interface ClientInspectorView {
  getSnapshot(): ClientInspection;
  subscribe(listener: () => void): () => void;
}

const inspectors = new WeakMap<LiveProgressClient, ClientInspector>();

/**
 * The client's one inspector (docs/client.md, Inspecting the client), created on the first call:
 * a function of its own rather than a client method, so an app without devtools does not carry it.
 * It records from its first `getSnapshot` or `subscribe`, as before; `options` count on the first call.
 */
export function inspectClient(client: LiveProgressClient, options: { notify?: NotifyMode; onError?: ErrorReporter } = {}): ClientInspectorView {
  let inspector = inspectors.get(client);
  if (!inspector) {
    const { connection, operations } = client;
    inspector = new ClientInspector(
      {
        connection: connection.getSnapshot,
        transport: () => client.getTransport(),
        watched: () => operations.watchedOperations(),
        subscribe: (listener) => {
          const offConnection = connection.subscribe(listener);
          const offOperations = operations.subscribe(listener);
          return () => {
            offConnection();
            offOperations();
          };
        },
      },
      options.notify ?? 'frame',
      options.onError ?? defaultErrorReporter,
    );
    operations.observe(inspector);
    inspectors.set(client, inspector);
  }
  return { getSnapshot: inspector.getSnapshot, subscribe: inspector.subscribe };
}
