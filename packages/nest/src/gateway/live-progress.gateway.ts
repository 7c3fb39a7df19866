import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ClientRequest, Limits, Rooms, isTerminalStatus, type ClientToServerEvents, type ServerToClientEvents } from '@liveprogress/protocol';
import { requestSchemas } from '@liveprogress/protocol/schemas';
import { Server } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.js';
import { AuthRefusal } from '../auth/auth-refusal.js';
import { JwtVerifier } from '../auth/jwt-verifier.js';
import { type LiveServer, type OperationStore, SocketIoBroadcaster } from '@liveprogress/core';
import { OPERATION_STORE, RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { OperationsService } from '../operations/operations.service.js';
import { RateLimiter } from './rate-limiter.js';
import { HandshakeLimiter } from './handshake-limiter.js';
import { handshakeChargeMiddleware, handshakeLimitMiddleware } from './handshake-limit.middleware.js';
import type { LiveSocket } from './live-socket.js';
import { type RequestHandlers, type Route, requestRoutes } from './request-routes.js';
import { RequestError, notFound } from './request-error.js';
import { identityRooms, policyRooms } from './rooms.js';
import { SlowConsumerMonitor } from './slow-consumer.monitor.js';
import { socketAuthMiddleware } from './socket-auth.middleware.js';
import { socketUser } from './socket-user.js';
import { TokenExpirySweep } from './token-expiry.js';

/**
 * The Socket.IO side of the module. It owns its Socket.IO server, attached to the Nest
 * HTTP server at bootstrap, because its settings (CORS, path, frame size) come from
 * forRoot/forRootAsync options that a static @WebSocketGateway() decorator cannot read.
 */
@Injectable()
export class LiveProgressGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveProgressGateway');
  private readonly limiter: RateLimiter;
  private expiry: TokenExpirySweep | undefined;
  private monitor: SlowConsumerMonitor | undefined;
  private server: LiveServer | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: JwtVerifier,
    private readonly operations: OperationsService,
    private readonly broadcaster: SocketIoBroadcaster,
    @Inject(OPERATION_STORE) private readonly store: OperationStore,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {
    this.limiter = new RateLimiter(options.rateLimit.socket);
  }

  async onApplicationBootstrap(): Promise<void> {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer();
    if (!httpServer) {
      this.logger.warn('No HTTP server (a standalone application context?): the Socket.IO gateway is not started');
      return;
    }
    const server = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
      path: this.options.socketPath,
      serveClient: false,
      maxHttpBufferSize: Limits.MAX_FRAME_BYTES,
      ...(this.options.cors !== undefined ? { cors: this.options.cors } : {}),
    });
    // A store shared by several processes brings the adapter that carries room emits between them.
    const clustered = this.store.socketAdapter !== undefined;
    if (this.store.socketAdapter) server.adapter(await this.store.socketAdapter());
    // Handshake limits first, so a storm is refused before any token is verified (docs/nest.md, Handshake limits).
    const handshakes = new HandshakeLimiter(this.store, this.options.rateLimit.handshake, this.logger);
    const { tenantClaim, allowQueryToken } = this.options.auth;
    server.use(handshakeLimitMiddleware(handshakes, { tenantClaim, allowQueryToken }));
    server.use(socketAuthMiddleware(this.verifier, allowQueryToken));
    server.use(handshakeChargeMiddleware(handshakes));
    server.on('connection', (socket) => this.onConnection(socket));
    this.monitor = new SlowConsumerMonitor(server, this.options.slowConsumer, (socket, backlog) =>
      this.logger.warn(`disconnecting a slow consumer (${socket.id}): ${backlog.packets} packets, ${backlog.bytes} bytes unsent`),
    );
    this.monitor.start();
    this.expiry = new TokenExpirySweep(server);
    this.expiry.start();
    this.server = server;
    this.broadcaster.attach(server, { clustered });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.monitor?.stop();
    this.expiry?.stop();
    this.broadcaster.detach();
    this.server = undefined;
    // Not server.close(): that would also close Nest's HTTP server, which Nest closes itself.
    server.disconnectSockets(true);
    await server.of('/').adapter.close();
    server.engine.close();
  }

  private onConnection(socket: LiveSocket): void {
    // Two listeners shared by every socket (Socket.IO calls them with the socket as
    // `this`) rather than closures per socket: idle connections stay cheap.
    socket.onAny(this.onRequest);
    socket.on('disconnect', this.onDisconnect);
    void socket.join(identityRooms(socketUser(socket)));
    void this.joinPolicyRooms(socket);
  }

  /** The request table: the protocol's schema and this handler for each request name, bound once. */
  private readonly routes: ReadonlyMap<string, Route> = requestRoutes(requestSchemas, {
    [ClientRequest.SUBSCRIBE]: (s, p) => this.subscribe(s, p),
    [ClientRequest.UNSUBSCRIBE]: (s, p) => this.unsubscribe(s, p),
    [ClientRequest.CANCEL]: (s, p) => this.cancel(s, p),
    [ClientRequest.LIST]: (s, p) => this.list(s, p),
    [ClientRequest.AUTH_REFRESH]: (s, p) => this.refresh(s, p),
  });

  private readonly onRequest = ((gateway: LiveProgressGateway) =>
    function (this: LiveSocket, event: string, ...args: unknown[]): void {
      const known = gateway.routes.get(event);
      if (known) return known(this, args, { limiter: gateway.limiter, logger: gateway.logger, event });
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      const answer = gateway.limiter.take(this.id)
        ? new RequestError('INVALID_PAYLOAD', `Unknown request "${String(event).slice(0, 64)}"`)
        : new RequestError('RATE_LIMITED', 'Too many requests on this connection: slow down and retry shortly');
      (ack as (r: unknown) => void)(answer.toAck());
    })(this);

  private readonly onDisconnect = ((gateway: LiveProgressGateway) =>
    function (this: LiveSocket): void {
      gateway.limiter.forget(this.id);
    })(this);

  private async joinPolicyRooms(socket: LiveSocket): Promise<void> {
    if (!this.options.roomPolicy) return;
    const allowed = await policyRooms(socketUser(socket), this.options.roomPolicy, this.logger);
    if (socket.connected && allowed.length > 0) await socket.join(allowed);
  }

  private readonly subscribe: RequestHandlers[typeof ClientRequest.SUBSCRIBE] = async (socket, { operationId, afterSeq }) => {
    const user = socketUser(socket);
    const visible = await this.operations.getVisible(user, operationId);
    if (!visible) throw notFound(operationId);
    // Join before reading: every event stored from here on reaches the socket live, and
    // everything stored before is in the read below, so the two overlap but never gap.
    if (!isTerminalStatus(visible.status)) {
      await socket.join(Rooms.operation(operationId));
      this.operations.noteSubscriber(operationId);
    }
    const replay = afterSeq === undefined ? { events: [], recovered: true } : await this.operations.eventsAfter(operationId, afterSeq);
    const snapshot = (await this.operations.get(operationId)) ?? visible;
    return { snapshot, events: replay.events, recovered: replay.recovered };
  };

  private readonly unsubscribe: RequestHandlers[typeof ClientRequest.UNSUBSCRIBE] = async (socket, { operationId }) => {
    if (!(await this.operations.getVisible(socketUser(socket), operationId))) throw notFound(operationId);
    await socket.leave(Rooms.operation(operationId));
    return {};
  };

  private readonly cancel: RequestHandlers[typeof ClientRequest.CANCEL] = async (socket, { operationId }) => {
    const outcome = await this.operations.cancel(socketUser(socket), operationId);
    if (outcome === 'not_found') throw notFound(operationId);
    if (outcome === 'not_cancellable') throw new RequestError('NOT_CANCELLABLE', `Operation "${operationId}" has already finished`);
    if (outcome === 'timed_out')
      throw new RequestError('NOT_CANCELLABLE', `Operation "${operationId}" did not stop within ${this.options.cancelTimeoutMs} ms of being cancelled`);
    return {};
  };

  private readonly list: RequestHandlers[typeof ClientRequest.LIST] = async (socket, filter) => ({
    operations: await this.operations.listVisible(socketUser(socket), filter),
  });

  private readonly refresh: RequestHandlers[typeof ClientRequest.AUTH_REFRESH] = async (socket, { token }) => {
    const current = socketUser(socket);
    let next: AuthUser;
    try {
      next = this.verifier.verify(token);
    } catch (err) {
      if (err instanceof AuthRefusal) throw new RequestError(err.code, err.message);
      throw err;
    }
    if (next.userId !== current.userId || next.tenantId !== current.tenantId) {
      throw new RequestError('TOKEN_INVALID', 'auth.refresh must carry a token for the same user and tenant');
    }
    socket.data.user = next;
    return {};
  };
}
