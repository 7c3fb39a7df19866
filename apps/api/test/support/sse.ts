// Reads a whole Server-Sent Events response (the stream ends after the terminal event) and splits it into messages.

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

/** Opens the stream and reads it to its end; a stream that does not end fails after `timeoutMs`. */
export async function readSse(url: string, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<SseStream> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  const raw = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), raw, ...parseSse(raw) };
}

export function parseSse(raw: string): { messages: SseMessage[]; comments: string[] } {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  for (const block of raw.split(/\r?\n\r?\n/)) {
    if (block.trim() === '') continue;
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) messages.push({ event, id, data: JSON.parse(data.join('\n')) as Record<string, unknown> });
  }
  return { messages, comments };
}
