import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from './auth-user.js';
import type { RequestUserResolution } from './request-user.resolver.js';

/**
 * Carries the user of an HTTP request into the work it starts, so
 * `WebSocketService.sendProgressUpdate` called from background work can register
 * an unknown operation as owned by the user who asked for it. Where the request had no
 * user it carries why, so the error that follows can say so.
 */
@Injectable()
export class RequestUserContext {
  private readonly storage = new AsyncLocalStorage<RequestUserResolution>();

  run<T>(user: AuthUser | RequestUserResolution, fn: () => T): T {
    return this.storage.run('user' in user || 'missing' in user ? (user as RequestUserResolution) : { user }, fn);
  }

  current(): AuthUser | undefined {
    const found = this.storage.getStore();
    return found && 'user' in found ? found.user : undefined;
  }

  /** Inside a request whose user could not be found: why. Outside any request: undefined. */
  missingReason(): string | undefined {
    const found = this.storage.getStore();
    return found && 'missing' in found ? found.missing : undefined;
  }
}
