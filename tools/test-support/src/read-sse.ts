import { SseParser } from '@liveprogress/protocol';

// A subpath of its own, so test files that read no streams load none of this;
// it parses with protocol's SseParser, the one the client uses.

export interface SseMessage {
  event: string;
  id: string | undefined;
  data: Record<string, unknown>;
}

export interface SseStream {
  status: number;
  contentType: string | null;
  messages: SseMessage[];
  comments: string[];
  raw: string;
}

/** Opens an event stream and reads it to its end (it ends after the terminal event); one that does not end fails after `timeoutMs`. */
export async function readSse(url: string, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<SseStream> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  const raw = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), raw, ...parseSse(raw) };
}

/** Splits a whole stream into its messages (data parsed as JSON) and comments, with protocol's SseParser (the client's). */
export function parseSse(raw: string): { messages: SseMessage[]; comments: string[] } {
  const parser = new SseParser();
  const items = parser.push(raw);
  parser.end();
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  for (const item of items) {
    if (item.kind === 'comment') comments.push(item.text);
    else messages.push({ event: item.event, id: item.id, data: JSON.parse(item.data) as Record<string, unknown> });
  }
  return { messages, comments };
}
