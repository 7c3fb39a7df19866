/**
 * Every metric the runtime reports, written once: name (without the exporter's prefix),
 * type, help, label names and, for histograms, buckets. An exporter (the Nest module's
 * Prometheus one) builds its metrics from this table; the runtime reports through
 * `Metrics` by these names. Labels take values from small fixed sets (transports, event
 * names, error codes, store call kinds): never operation, user or tenant ids, so the
 * number of series stays bounded (docs/operations.md, Metrics).
 */
export const MetricCatalogue = {
  connections: {
    type: 'gauge',
    help: 'Open client connections: Socket.IO sockets and SSE streams',
    labels: ['transport'],
  },
  subscriptions: {
    type: 'gauge',
    help: 'Socket subscriptions to operations (sockets in operation rooms) on this node',
    labels: [],
  },
  events_stored_total: {
    type: 'counter',
    help: 'Events this node stored, by event name; fewer progress.updated than updates reported is coalescing at work',
    labels: ['event'],
  },
  updates_reported_total: {
    type: 'counter',
    help: 'Progress updates application code reported on this node (update(), stage and task reports), before coalescing',
    labels: [],
  },
  publish_lag_seconds: {
    type: 'histogram',
    help: "Time from an event's timestamp to its broadcast by this node (path=broadcast) or its write to an SSE stream (path=sse)",
    labels: ['path'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  replays_total: {
    type: 'counter',
    help: 'Replays of retained events asked for with afterSeq (socket subscribe) or Last-Event-ID (SSE)',
    labels: [],
  },
  replays_unrecovered_total: {
    type: 'counter',
    help: 'Replays answered recovered: false (the events asked for were no longer retained; the snapshot stands in)',
    labels: [],
  },
  slow_consumer_disconnects_total: {
    type: 'counter',
    help: 'Sockets disconnected because their unsent output passed the slow-consumer bound',
    labels: [],
  },
  rate_limited_total: {
    type: 'counter',
    help: 'Requests refused RATE_LIMITED, by kind (socket request, http request, handshake)',
    labels: ['kind'],
  },
  auth_refusals_total: {
    type: 'counter',
    help: 'Tokens refused, by code (TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TENANT_MISSING)',
    labels: ['code'],
  },
  store_errors_total: {
    type: 'counter',
    help: 'Store calls that failed, by kind of call (write, get, eventsAfter, list, cancel)',
    labels: ['operation'],
  },
  store_unavailable_total: {
    type: 'counter',
    help: 'Client requests answered STORE_UNAVAILABLE because the store missed its deadline, by kind of call',
    labels: ['operation'],
  },
} as const satisfies Record<string, MetricDefinition>;

export interface MetricDefinition {
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  labels: readonly string[];
  buckets?: readonly number[];
}

export type MetricName = keyof typeof MetricCatalogue;
type NameOfType<T extends MetricDefinition['type']> = {
  [N in MetricName]: (typeof MetricCatalogue)[N]['type'] extends T ? N : never;
}[MetricName];
export type CounterName = NameOfType<'counter'>;
export type GaugeName = NameOfType<'gauge'>;
export type HistogramName = NameOfType<'histogram'>;

/** The labels a metric takes, each with a value from a small fixed set. */
export type MetricLabels<N extends MetricName> = { [L in (typeof MetricCatalogue)[N]['labels'][number]]: string };
