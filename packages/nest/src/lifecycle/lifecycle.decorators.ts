import type { LifecycleStatus } from '@liveprogress/core';

export const LIFECYCLE_HOOKS = 'liveprogress:lifecycle-hooks';

export interface LifecycleHookMetadata {
  status: LifecycleStatus;
  operationType?: string;
}

/** Records which statuses a method listens for; LifecycleHooksExplorer wires it at bootstrap. */
function hook(status: LifecycleStatus, operationType?: string): MethodDecorator {
  return (_target, _key, descriptor) => {
    const method = descriptor.value as object;
    const existing: LifecycleHookMetadata[] = Reflect.getMetadata(LIFECYCLE_HOOKS, method) ?? [];
    Reflect.defineMetadata(LIFECYCLE_HOOKS, [...existing, { status, ...(operationType ? { operationType } : {}) }], method);
    return descriptor;
  };
}

/** Calls the method with `(event, snapshot)` when an operation (of `operationType`, if given) completes. */
export const OnOperationCompleted = (operationType?: string) => hook('completed', operationType);
/** ... when one fails (not when it is cancelled). */
export const OnOperationFailed = (operationType?: string) => hook('failed', operationType);
/** ... when one is cancelled. */
export const OnOperationCancelled = (operationType?: string) => hook('cancelled', operationType);
/** ... for every stored progress update. */
export const OnOperationProgress = (operationType?: string) => hook('progress', operationType);
