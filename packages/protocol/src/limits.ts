/** The longest operation id, on its own so that a browser bundle can take it without the rest of `Limits`. */
export const OPERATION_ID_MAX_LENGTH = 128;

/** Bounds on inbound data (docs/protocol.md, Client → server requests: Validation). */
export const Limits = {
  OPERATION_ID_MAX_LENGTH,
  /** A request payload whose JSON is larger than this is INVALID_PAYLOAD. */
  MAX_PAYLOAD_BYTES: 1_000_000,
  /** Frames up to this size are accepted so that oversize payloads can still be answered. */
  MAX_FRAME_BYTES: 2_100_000,
  LIST_LIMIT_MAX: 100,
  LIST_LIMIT_DEFAULT: 50,
  /** Default number of events kept per operation. */
  RETAINED_EVENTS_DEFAULT: 1000,
  /** Default time a finished operation is kept, in milliseconds. */
  RETENTION_MS_DEFAULT: 24 * 60 * 60 * 1000,
  /** The SSE stream sends a comment at least this often. */
  SSE_HEARTBEAT_MS: 15_000,
} as const;
