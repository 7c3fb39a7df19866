import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * A loopback HTTP proxy in front of the demo API that can refuse some paths, as a
 * corporate proxy or firewall would (403 with an HTML page, WebSocket upgrades
 * refused), while forwarding everything else — streams and WebSockets included.
 */
export interface HttpProxy {
  url: string;
  /** Refuses requests whose path matches, from now on, and cuts the open ones. */
  block(pattern: RegExp): void;
  unblock(pattern: RegExp): void;
  /** Cuts the open requests whose path matches (the network dropping them), without refusing new ones. */
  cut(pattern: RegExp): void;
  /** Requests seen whose path matches, refused ones included, with their headers. */
  seen(pattern: RegExp): { path: string; headers: IncomingHttpHeaders; refused: boolean }[];
  /** Requests (and upgraded sockets) whose path matches and that are still open. */
  open(pattern: RegExp): number;
  close(): Promise<void>;
}

interface Open {
  path: string;
  cut: () => void;
}

export async function startHttpProxy(targetPort: number): Promise<HttpProxy> {
  const blocked = new Set<string>();
  const log: { path: string; headers: IncomingHttpHeaders; refused: boolean }[] = [];
  const openings = new Set<Open>();
  const isBlocked = (path: string) => [...blocked].some((source) => new RegExp(source).test(path));
  const track = (path: string, cut: () => void): (() => void) => {
    const entry = { path, cut };
    openings.add(entry);
    return () => openings.delete(entry);
  };

  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const refused = isBlocked(path);
    log.push({ path, headers: req.headers, refused });
    if (refused) {
      res.writeHead(403, { 'content-type': 'text/html' }).end('<html><body><h1>Blocked by the proxy</h1></body></html>');
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: req.method, path, headers: req.headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.flushHeaders();
      answer.pipe(res);
    });
    const untrack = track(path, () => {
      upstream.destroy();
      res.destroy();
      req.socket.destroy();
    });
    res.on('close', () => {
      untrack();
      upstream.destroy();
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  server.on('upgrade', (req, client: Socket, head: Buffer) => {
    const path = req.url ?? '/';
    const refused = isBlocked(path);
    log.push({ path, headers: req.headers, refused });
    if (refused) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    const untrack = track(path, () => {
      upstream.destroy();
      client.destroy();
    });
    const end = () => {
      untrack();
      upstream.destroy();
      client.destroy();
    };
    const lines = [`${req.method} ${path} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
    upstream.on('error', end);
    client.on('error', end);
    upstream.on('close', end);
    client.on('close', end);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cut = (pattern: RegExp) => {
    for (const entry of [...openings]) {
      if (!pattern.test(entry.path)) continue;
      openings.delete(entry);
      entry.cut();
    }
  };
  return {
    url: `http://127.0.0.1:${port}`,
    block(pattern) {
      blocked.add(pattern.source);
      cut(pattern);
    },
    unblock(pattern) {
      blocked.delete(pattern.source);
    },
    cut,
    seen: (pattern) => log.filter((entry) => pattern.test(entry.path)),
    open: (pattern) => [...openings].filter((entry) => pattern.test(entry.path)).length,
    close() {
      cut(/.*/);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
