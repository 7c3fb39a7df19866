import type { HistogramJson } from '../shared/histogram.js';
import type { UsageReport } from '../shared/usage-meter.js';

export type ClientKind = 'socketio' | 'ws';

/** What the load-generator child answers over IPC. */
export type LoadgenApi = {
  /** Opens one authenticated connection per entry, `concurrency` at a time, and subscribes where asked. */
  connect(params: ConnectPlan): Promise<ConnectReport>;
  /** Restarts the counters and the CPU meter. */
  mark(params: Record<string, never>): Promise<void>;
  /** Events received since mark(); cheap, for polling until delivery settles. */
  received(params: Record<string, never>): Promise<{ received: number }>;
  report(params: Record<string, never>): Promise<ReceiveReport>;
  close(params: Record<string, never>): Promise<void>;
};

export interface ConnectPlan {
  kind: ClientKind;
  /** Socket.IO servers: the bench's own minimal protocol client instead of socket.io-client. */
  lean: boolean;
  url: string;
  secret: string;
  tenantId: string;
  /** One client per entry: its user, and the operation it follows (if any). */
  clients: Array<{ userId: string; operationId?: string }>;
  concurrency: number;
  timeoutMs: number;
}

export interface ConnectReport {
  connected: number;
  failed: number;
  subscribeFailed: number;
  /** A few of the errors seen, for the log. */
  errors: string[];
  /** Handshake to `connect`, per connection, in microseconds. */
  connectLatency: HistogramJson;
  wallMs: number;
  /** CPU of the connecting itself (tokens excluded). */
  usage: UsageReport;
  /** CPU spent signing the tokens first. */
  tokenCpuMs: number;
}

export interface ReceiveReport {
  received: number;
  /** Live `seq` that did not follow the previous one on the same client. */
  gaps: number;
  /** Publish → receive, in microseconds. */
  latency: HistogramJson;
  firstAt: number;
  lastAt: number;
  disconnects: number;
  usage: UsageReport;
}
