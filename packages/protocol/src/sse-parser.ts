/** One item of an event stream: a dispatched message, or a comment line (the server's heartbeat). */
export type SseItem =
  | { readonly kind: 'message'; readonly event: string; readonly data: string; readonly id: string | undefined }
  | { readonly kind: 'comment'; readonly text: string };

/**
 * An incremental parser for `text/event-stream` (the WHATWG "event stream
 * interpretation"): feed it decoded text in whatever chunks the network delivers
 * and it returns the items completed by each chunk. Lines may end in CRLF, LF or
 * CR, even when a CRLF is split across two chunks; `data:` lines join with "\n";
 * a message without data is not dispatched; `id` is the id of that message only.
 */
export class SseParser {
  private buffer = '';
  /** The previous chunk ended in CR: a LF at the start of the next one belongs to it. */
  private afterCR = false;
  private started = false;
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(chunk: string): SseItem[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.afterCR && text.startsWith('\n')) text = text.slice(1);
    this.afterCR = false;
    this.buffer += text;
    const items: SseItem[] = [];
    let start = 0;
    for (;;) {
      const end = nextLineEnd(this.buffer, start);
      if (end < 0) break;
      this.line(this.buffer.slice(start, end), items);
      if (this.buffer[end] === '\r') {
        if (end + 1 === this.buffer.length) {
          this.afterCR = true;
          start = end + 1;
          break;
        }
        start = this.buffer[end + 1] === '\n' ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    this.buffer = this.buffer.slice(start);
    return items;
  }

  /** The stream ended: an unterminated last message is dropped, as the standard says. */
  end(): void {
    this.buffer = '';
    this.afterCR = false;
    this.resetMessage();
  }

  private line(line: string, items: SseItem[]): void {
    if (line === '') {
      if (this.data.length > 0) items.push({ kind: 'message', event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      this.resetMessage();
      return;
    }
    if (line.startsWith(':')) {
      items.push({ kind: 'comment', text: line.slice(1).replace(/^ /, '') });
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    // `retry` and unknown fields are ignored: reconnection is the client's own loop.
  }

  private resetMessage(): void {
    this.event = '';
    this.data = [];
    this.id = undefined;
  }
}

function nextLineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return i;
  }
  return -1;
}
