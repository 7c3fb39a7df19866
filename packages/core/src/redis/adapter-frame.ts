/**
 * The one place that knows the Socket.IO Redis streams adapter's wire format. The append
 * script writes each event's room broadcast straight into the adapter's stream, as the
 * adapter itself would (the way Socket.IO's emitters work), so an event needs one Redis
 * round trip. That format is the adapter's internal business: it was read from version
 * ADAPTER_FORMAT_VERSION, and `test/adapter-frame.test.ts` fails, naming the installed
 * version, when a sent frame no longer reaches a socket.
 */

/** The @socket.io/redis-streams-adapter version whose frame format this file writes. */
export const ADAPTER_FORMAT_VERSION = '0.3.1';

/** The uid the store's broadcasts carry: no node has it, so every node delivers them to its sockets. */
export const STORE_BROADCAST_UID = 'liveprogress-store';

/**
 * Lua appending one room broadcast to the adapter's stream: a BROADCAST message (type 3)
 * of a Socket.IO EVENT packet (type 2) on the main namespace, in plaintext (`onlyPlaintext`).
 * Expects locals `name` (event name), `live` (payload JSON), `stream`, `room` and `uid`.
 */
export const ADAPTER_BROADCAST_LUA = `
  local data = '{"packet":{"type":2,"data":[' .. cjson.encode(name) .. ',' .. live .. '],"nsp":"/"},'
    .. '"opts":{"rooms":[' .. cjson.encode(room) .. '],"except":[],"flags":{}}}'
  redis.call('XADD', stream, 'MAXLEN', '~', 10000, '*', 'uid', uid, 'nsp', '/', 'type', '3', 'data', data)
`;

/** The adapter options that read what ADAPTER_BROADCAST_LUA writes, on the given stream. */
export function adapterOptions(stream: string): { streamName: string; channelPrefix: string; onlyPlaintext: true } {
  return { streamName: stream, channelPrefix: stream, onlyPlaintext: true };
}
