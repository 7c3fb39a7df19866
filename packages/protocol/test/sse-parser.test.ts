import { describe, expect, it } from 'vitest';
import { SseParser, type SseItem } from '../src/index.js';

/** Feeds `chunks` one by one and returns every item, as a stream read in those pieces would. */
function parse(chunks: string[]): SseItem[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

/** The stream the server writes for one operation (docs/protocol.md, HTTP and Server-Sent Events): a snapshot without id, then events with ids. */
const STREAM = [
  'event: snapshot\ndata: {"operationId":"op-1","seq":2}\n\n',
  ': heartbeat\n\n',
  'event: progress.updated\nid: 3\ndata: {"seq":3,"progress":10}\n\n',
  'event: progress.completed\nid: 4\ndata: {"seq":4,"progress":100}\n\n',
].join('');

const EXPECTED: SseItem[] = [
  { kind: 'message', event: 'snapshot', data: '{"operationId":"op-1","seq":2}', id: undefined },
  { kind: 'comment', text: 'heartbeat' },
  { kind: 'message', event: 'progress.updated', data: '{"seq":3,"progress":10}', id: '3' },
  { kind: 'message', event: 'progress.completed', data: '{"seq":4,"progress":100}', id: '4' },
];

describe('SseParser', () => {
  it('parses the server stream into the snapshot, the heartbeat comment and the events with their ids', () => {
    expect(parse([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same items whatever the chunk boundaries, down to one character per chunk', () => {
    for (let cut = 1; cut < STREAM.length; cut += 1) {
      expect(parse([STREAM.slice(0, cut), STREAM.slice(cut)])).toEqual(EXPECTED);
    }
    expect(parse([...STREAM])).toEqual(EXPECTED);
  });

  it('accepts CRLF and lone CR line endings, including a CRLF split across two chunks', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n');
    const cr = STREAM.replaceAll('\n', '\r');
    expect(parse([crlf])).toEqual(EXPECTED);
    expect(parse([cr])).toEqual(EXPECTED);
    for (let cut = 1; cut < crlf.length; cut += 1) {
      expect(parse([crlf.slice(0, cut), crlf.slice(cut)])).toEqual(EXPECTED);
    }
  });

  it('joins multi-line data with newlines and keeps a value that has no space after the colon', () => {
    expect(parse(['event:x\ndata:first\ndata: second\ndata\ndata:  indented\n\n'])).toEqual([
      { kind: 'message', event: 'x', data: 'first\nsecond\n\n indented', id: undefined },
    ]);
  });

  it('dispatches nothing for a block without data, and names a message without event "message"', () => {
    expect(parse(['event: lonely\nid: 7\n\n', 'data: plain\n\n'])).toEqual([{ kind: 'message', event: 'message', data: 'plain', id: undefined }]);
  });

  it('gives each message only its own id and ignores retry, unknown fields and an id with a NUL', () => {
    expect(parse(['id: 1\ndata: a\n\n', 'data: b\nretry: 10\nfoo: bar\n\n', 'id: 2\0\ndata: c\n\n'])).toEqual([
      { kind: 'message', event: 'message', data: 'a', id: '1' },
      { kind: 'message', event: 'message', data: 'b', id: undefined },
      { kind: 'message', event: 'message', data: 'c', id: undefined },
    ]);
  });

  it('strips a leading byte order mark, only at the very start of the stream', () => {
    expect(parse(['\uFEFFdata: a\n\n'])).toEqual([{ kind: 'message', event: 'message', data: 'a', id: undefined }]);
    expect(parse(['data: a\n\n', '\uFEFFdata: b\n\n'])).toEqual([
      { kind: 'message', event: 'message', data: 'a', id: undefined },
      // Not a field named "data" any more, so there is nothing to dispatch.
    ]);
  });

  it('holds an unfinished message until its blank line, and drops it when the stream ends first', () => {
    const parser = new SseParser();
    expect(parser.push('event: progress.updated\nid: 5\ndata: {"seq"')).toEqual([]);
    expect(parser.push(':5}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ kind: 'message', event: 'progress.updated', data: '{"seq":5}', id: '5' }]);
    expect(parser.push('data: never finished\n')).toEqual([]);
    parser.end();
    expect(parser.push('\n')).toEqual([]);
  });

  it('reports a comment line even in the middle of a message without breaking the message', () => {
    expect(parse(['data: a\n: keep-alive\ndata: b\n\n'])).toEqual([
      { kind: 'comment', text: 'keep-alive' },
      { kind: 'message', event: 'message', data: 'a\nb', id: undefined },
    ]);
  });
});
