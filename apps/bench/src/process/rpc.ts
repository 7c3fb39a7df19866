import type { ChildProcess } from 'node:child_process';

/**
 * Request/response over a forked child's IPC channel. Each side declares its API as
 * a map of one-argument async methods; the orchestrator calls them with a deadline.
 */
export type Api = { [method: string]: (params: never) => Promise<unknown> };

interface RpcRequest {
  rpc: 'request';
  id: number;
  method: string;
  params: unknown;
}
interface RpcResponse {
  rpc: 'response';
  id: number;
  result?: unknown;
  error?: string;
}
interface RpcReady {
  rpc: 'ready';
}

/** Child side: answers requests with `handlers`, and exits when the parent goes away (so nothing outlives a killed run). */
export function serveRpc<A extends Api>(handlers: A): void {
  if (!process.send) throw new Error('This file is a bench child process: start it with `pnpm bench`, not directly');
  const send = (message: RpcResponse | RpcReady) => process.send?.(message);
  process.on('message', (message: RpcRequest) => {
    if (message?.rpc !== 'request') return;
    const handler = handlers[message.method];
    if (!handler) return void send({ rpc: 'response', id: message.id, error: `unknown method ${message.method}` });
    // The params crossed the IPC channel untyped; each handler's own type says what it expects.
    handler(message.params as never).then(
      (result) => send({ rpc: 'response', id: message.id, result }),
      (err: unknown) => send({ rpc: 'response', id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  // Exit normally on SIGTERM, so that exit hooks run (--cpu-prof writes its profile then).
  process.on('SIGTERM', () => process.exit(0));
  send({ rpc: 'ready' });
}

/** Parent side. */
export class RpcClient<A extends Api> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  readonly ready: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    private readonly name: string,
    readyWithinMs = 30_000,
  ) {
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start within ${readyWithinMs} ms`)), readyWithinMs);
      child.on('message', (message: RpcResponse | RpcReady) => {
        if (message?.rpc === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited before it was ready (${signal ?? code})`));
      });
    });
    this.ready.catch(() => undefined);
    child.on('message', (message: RpcResponse | RpcReady) => {
      if (message?.rpc !== 'response') return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.error !== undefined) waiter.reject(new Error(`${name}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    child.on('exit', (code, signal) => {
      for (const [id, waiter] of this.pending) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`${name} exited (${signal ?? code}) during a request`));
        this.pending.delete(id);
      }
    });
  }

  call<M extends keyof A & string>(method: M, params: Parameters<A[M]>[0], timeoutMs = 60_000): Promise<Awaited<ReturnType<A[M]>>> {
    return new Promise((resolve, reject) => {
      if (!this.child.connected) return reject(new Error(`${this.name} is not running`));
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}.${method} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      this.child.send({ rpc: 'request', id, method, params } satisfies RpcRequest);
    });
  }
}
