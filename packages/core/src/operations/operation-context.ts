import { AsyncLocalStorage } from 'node:async_hooks';
import { NoopOperation } from './noop-operation.js';
import type { Operation } from './operation.js';

/**
 * The operation bound to the current async context. This is the one piece of
 * module-level state in the package, on purpose: `currentOperation()` has to be
 * callable from library code that has no injector, the way a logger's context is.
 */
const storage = new AsyncLocalStorage<Operation>();
const noop = new NoopOperation();

/** Runs `fn` with `operation` as the current operation for everything it calls, sync or async. */
export function runWithOperation<T>(operation: Operation, fn: () => T): T {
  return storage.run(operation, fn);
}

/** The operation bound by `runWithOperation`, or a no-op operation outside one. */
export function currentOperation(): Operation {
  return storage.getStore() ?? noop;
}
