import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Rooms } from '@liveprogress/protocol';
import { startTestServer, type TestServer } from '@liveprogress/test-support/server';

/**
 * A second in-process server that the jsdom test files can restart (it comes back on the
 * same port, in memory, having forgotten every operation) or make announce an operation's
 * deletion, through a small control server: a test in jsdom cannot reach a Nest app itself.
 * Operations are started through the control server too, with no background work, so
 * nothing is left running against the stopped app.
 *
 * POST /start (Bearer token) → 201 `{ success, data: { operationId, estimatedDuration } }`, a running operation at 10%
 * POST /restart              → 204 once the server is back
 * POST /deleted?operationId= → 204 after `operation.deleted` went to the operation's room
 */
export async function startRestartableServer(): Promise<{ url: string; controlUrl: string; stop: () => Promise<void> }> {
  let server: TestServer = await startTestServer();
  const control: Server = createServer((req, res) => {
    void handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? undefined : JSON.stringify(body));
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });

  async function handle(req: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const url = new URL(req.url ?? '/', 'http://control');
    if (url.pathname === '/start') {
      const claims = JSON.parse(Buffer.from((req.headers.authorization ?? '').split('.')[1] ?? '', 'base64url').toString() || '{}');
      const estimatedDuration = 60_000;
      const handle = server.operations.start({
        operationType: 'generic',
        name: 'Long report',
        userId: claims.sub,
        tenantId: claims.tenantId,
        estimatedDuration,
      });
      handle.update({ stage: 'processing', progress: 10, message: 'Working...' });
      await handle.flushed();
      return { status: 201, body: { success: true, message: 'Operation started', data: { operationId: handle.id, estimatedDuration } } };
    }
    if (url.pathname === '/restart') {
      const { port } = server;
      // As a process that dies would: open connections are cut rather than waited for.
      server.app.getHttpServer().closeAllConnections();
      await server.stop();
      server = await startTestServer({}, { port });
      return { status: 204 };
    }
    if (url.pathname === '/deleted') {
      const operationId = url.searchParams.get('operationId') ?? '';
      await server.ws.sendToRooms('operation.deleted', { operationId }, [Rooms.operation(operationId)]);
      return { status: 204 };
    }
    return { status: 404 };
  }

  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as { port: number };
  return {
    url: server.url,
    controlUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      control.closeAllConnections();
      await new Promise((resolve) => control.close(resolve));
      server.app.getHttpServer().closeAllConnections();
      await server.stop();
    },
  };
}
