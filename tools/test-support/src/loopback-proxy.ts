import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * A loopback proxy in front of a test server, so a test can break the network the way
 * the world does without touching the client's internals: drop every connection (flaky
 * Wi-Fi), refuse some paths (a corporate proxy: 403 with an HTML page, WebSocket upgrades
 * refused), or cut some open requests. Everything else is forwarded, streams and
 * WebSockets included, and what clients send is kept (plain text with long-polling).
 */
export interface LoopbackProxy {
  url: string;
  /** Destroys every open connection; refuses new ones for `refuseMs`. */
  drop(refuseMs?: number): void;
  /** Refuses requests whose path matches, from now on, and cuts the open ones. */
  block(pattern: RegExp): void;
  unblock(pattern: RegExp): void;
  /** Cuts the open requests whose path matches (the network dropping them), without refusing new ones. */
  cut(pattern: RegExp): void;
  /** Requests seen whose path matches, refused ones included, with their headers. */
  seen(pattern: RegExp): { path: string; headers: IncomingHttpHeaders; refused: boolean }[];
  /** Requests (and upgraded sockets) whose path matches and that are still open. */
  open(pattern: RegExp): number;
  /** Everything clients sent so far (request bodies and WebSocket bytes), as text. */
  sentText(): string;
  close(): Promise<void>;
}

interface Open {
  path: string;
  cut: () => void;
}

/** Starts a proxy on a free loopback port in front of `target` (a port, or a URL on 127.0.0.1). */
export async function startLoopbackProxy(target: number | string): Promise<LoopbackProxy> {
  const targetPort = typeof target === 'number' ? target : Number(new URL(target).port);
  const blocked = new Set<string>();
  const log: { path: string; headers: IncomingHttpHeaders; refused: boolean }[] = [];
  const openings = new Set<Open>();
  const sockets = new Set<Socket>();
  let refuseUntil = 0;
  let sent = '';
  const isBlocked = (path: string) => [...blocked].some((source) => new RegExp(source).test(path));
  const track = (path: string, cut: () => void): (() => void) => {
    const entry = { path, cut };
    openings.add(entry);
    return () => openings.delete(entry);
  };
  const keep = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
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
    upstream.on('socket', keep);
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
    req.on('data', (chunk: Buffer) => (sent += chunk.toString('latin1')));
    req.pipe(upstream);
  });

  server.on('connection', (socket: Socket) => {
    if (Date.now() < refuseUntil) {
      socket.destroy();
      return;
    }
    keep(socket);
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
    keep(upstream);
    const end = () => {
      untrack();
      upstream.destroy();
      client.destroy();
    };
    const untrack = track(path, end);
    const lines = [`${req.method} ${path} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    client.on('data', (chunk: Buffer) => (sent += chunk.toString('latin1')));
    upstream.pipe(client);
    client.pipe(upstream);
    for (const socket of [upstream, client]) socket.on('error', end).on('close', end);
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
  const dropAll = () => {
    cut(/.*/);
    for (const socket of [...sockets]) socket.destroy();
    sockets.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    drop(refuseMs = 0) {
      refuseUntil = Date.now() + refuseMs;
      dropAll();
    },
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
    sentText: () => sent,
    close() {
      dropAll();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Occurrences of `needle` in `text`. */
export function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
