import type { LiveServer } from './live-server.js';

/**
 * An event payload whose JSON text is already made: the in-memory store writes each event's
 * text once to retain it, and the same text goes on the wire, instead of Socket.IO
 * stringifying the payload object again (docs/performance.md, Findings). What the socket
 * receives is byte for byte what Socket.IO would have made of the object.
 */
export class EncodedPayload {
  constructor(readonly json: string) {}
}

interface Packet {
  type: number;
  nsp?: string;
  id?: number;
  data?: unknown[];
}

interface PacketEncoder {
  encode(packet: Packet): unknown[];
  replacer?: unknown;
}

/** Socket.IO's packet type of an event (socket.io-parser's PacketType.EVENT). */
const EVENT_PACKET = 2;
const installed = new WeakSet<object>();

/**
 * Teaches this server's packet encoder (the one its adapters use for room broadcasts) to send
 * an `EncodedPayload` as its text, the way socket.io-parser encodes a text event:
 * `2[<nsp>,][<id>]["<event>",<payload>]`. Anything else is encoded as before. Only for a server
 * whose adapter is the in-memory one: a cluster adapter serializes packets its own way.
 */
export function acceptEncodedPayloads(server: LiveServer): void {
  const encoder = (server as unknown as { encoder: PacketEncoder }).encoder;
  if (installed.has(encoder)) return;
  installed.add(encoder);
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (packet: Packet): unknown[] => {
    const data = packet.data;
    if (packet.type !== EVENT_PACKET || data === undefined || data.length < 2 || !(data[1] instanceof EncodedPayload)) return encode(packet);
    const payload = data[1];
    // A replacer would change the text: give it the object, as before.
    if (encoder.replacer) return encode({ ...packet, data: [data[0], JSON.parse(payload.json), ...data.slice(2)] });
    // Members after the payload (connection state recovery appends the packet's offset) follow it as JSON.
    const members = data.length === 2 ? payload.json : [payload.json, ...data.slice(2).map((member) => JSON.stringify(member))].join(',');
    return [eventFrame(packet.nsp, packet.id, data[0] as string, members)];
  };
}

/** Whether this server's encoder sends an `EncodedPayload` as its text (no replacer changes it). */
export function sendsPayloadsAsText(server: LiveServer): boolean {
  const encoder = (server as unknown as { encoder: PacketEncoder }).encoder;
  return installed.has(encoder) && !encoder.replacer;
}

const quotedNames = new Map<string, string>();

/** A text event packet as socket.io-parser writes it: `2[<nsp>,][<id>]["<event>",<payload>]`. */
function eventFrame(nsp: string | undefined, id: number | undefined, event: string, payloadJson: string): string {
  let name = quotedNames.get(event);
  if (name === undefined) {
    name = JSON.stringify(event);
    if (quotedNames.size < 64) quotedNames.set(event, name);
  }
  const prefix = nsp && nsp !== '/' ? `${nsp},` : '';
  return `2${prefix}${id ?? ''}[${name},${payloadJson}]`;
}

const prefixes = new Map<string, string>();

/**
 * The wire payload's text from a stored event's text: the event minus its leading `event`
 * member, which is how `OperationEvents` makes the payload object too. Undefined when the
 * text does not open with that member (then the object path is taken).
 */
export function payloadText(eventText: string, name: string): string | undefined {
  let prefix = prefixes.get(name);
  if (prefix === undefined) {
    prefix = `{"event":${JSON.stringify(name)},`;
    if (prefixes.size < 64) prefixes.set(name, prefix);
  }
  return eventText.startsWith(prefix) ? `{${eventText.slice(prefix.length)}` : undefined;
}
