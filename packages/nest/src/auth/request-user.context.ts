import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from './auth-user.js';

/**
 * Carries the authenticated user of an HTTP request into the work it starts, so
 * `WebSocketService.sendProgressUpdate` called from background work can register
 * an unknown operation as owned by the user who asked for it.
 */
@Injectable()
export class RequestUserContext {
  private readonly storage = new AsyncLocalStorage<AuthUser>();

  run<T>(user: AuthUser, fn: () => T): T {
    return this.storage.run(user, fn);
  }

  current(): AuthUser | undefined {
    return this.storage.getStore();
  }
}
