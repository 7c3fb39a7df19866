import { type IncomingMessage, type Server, createServer } from 'node:http';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/index.js';

export interface Received {
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  attempt: string | undefined;
}

/** A real HTTP receiver on loopback; `answer` decides each response's status. */
export async function receiver(answer: (n: number) => number): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  let calls = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({
        body,
        signature: req.headers[SIGNATURE_HEADER] as string | undefined,
        timestamp: req.headers[TIMESTAMP_HEADER] as string | undefined,
        attempt: req.headers['x-liveprogress-attempt'] as string | undefined,
      });
      res.statusCode = answer(++calls);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
