/** The wire contract version this package describes. */
export const PROTOCOL_VERSION = 1 as const;
