/** The three servers every scenario runs against, in the order they run and print. */
export const SERVER_KINDS = ['liveprogress', 'socketio', 'ws'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Ratios in every table are taken against this one. */
export const BASELINE: ServerKind = 'socketio';

export const SERVER_LABELS: Record<ServerKind, string> = {
  liveprogress: 'LiveProgress',
  socketio: 'Socket.IO',
  ws: 'ws',
};

export function isServerKind(value: string): value is ServerKind {
  return (SERVER_KINDS as readonly string[]).includes(value);
}
