/** The parts of a W3C `traceparent` header (version 00) an operation's span continues. */
export interface RemoteTraceContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;

/**
 * Parsed here rather than through the app's registered propagator, so a `traceparent` given to
 * `start()` or to HTTP ingest is honoured whatever propagators the app set up. Null for a
 * malformed header, an all-zero id or version ff (the W3C Trace Context rules): the span then
 * starts in the active context instead.
 */
export function parseTraceparent(header: string): RemoteTraceContext | null {
  const match = TRACEPARENT.exec(header.trim().toLowerCase());
  if (!match) return null;
  const [, version, traceId, spanId, flags] = match as unknown as [string, string, string, string, string];
  if (version === 'ff' || (version === '00' && header.trim().length !== 55)) return null;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return null;
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) };
}
