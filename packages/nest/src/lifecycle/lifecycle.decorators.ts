import type { ContractLifecycleHandler, LifecycleStatus } from '@liveprogress/core';
import { type AnyOperationContract, isOperationContract } from '@liveprogress/protocol';

export const LIFECYCLE_HOOKS = 'liveprogress:lifecycle-hooks';

export interface LifecycleHookMetadata {
  status: LifecycleStatus;
  operationType?: string;
}

/**
 * A method decorator that accepts only methods assignable to `Handler`: with a contract, a method whose
 * `snapshot.result` (or event) does not match the contract's types is a compile error.
 */
export type TypedHookDecorator<Handler> = <Method extends Handler>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<Method>,
) => TypedPropertyDescriptor<Method>;

/** Records which statuses a method listens for; LifecycleHooksExplorer wires it at bootstrap. */
function hook(status: LifecycleStatus, filter?: string | AnyOperationContract): MethodDecorator {
  const operationType = isOperationContract(filter) ? filter.type : filter;
  return (_target, _key, descriptor) => {
    const method = descriptor.value as object;
    const existing: LifecycleHookMetadata[] = Reflect.getMetadata(LIFECYCLE_HOOKS, method) ?? [];
    Reflect.defineMetadata(LIFECYCLE_HOOKS, [...existing, { status, ...(operationType ? { operationType } : {}) }], method);
    return descriptor;
  };
}

/**
 * Calls the method with `(event, snapshot)` when an operation completes: of the contract's type, with
 * `snapshot.result` typed by it (`@OnOperationCompleted(dataImport)`), of `operationType`, or any.
 */
export function OnOperationCompleted<C extends AnyOperationContract>(contract: C): TypedHookDecorator<ContractLifecycleHandler<C, 'completed'>>;
export function OnOperationCompleted(operationType?: string): MethodDecorator;
export function OnOperationCompleted(filter?: string | AnyOperationContract): unknown {
  return hook('completed', filter);
}

/** ... when one fails (not when it is cancelled). */
export function OnOperationFailed<C extends AnyOperationContract>(contract: C): TypedHookDecorator<ContractLifecycleHandler<C, 'failed'>>;
export function OnOperationFailed(operationType?: string): MethodDecorator;
export function OnOperationFailed(filter?: string | AnyOperationContract): unknown {
  return hook('failed', filter);
}

/** ... when one is cancelled. */
export function OnOperationCancelled<C extends AnyOperationContract>(contract: C): TypedHookDecorator<ContractLifecycleHandler<C, 'cancelled'>>;
export function OnOperationCancelled(operationType?: string): MethodDecorator;
export function OnOperationCancelled(filter?: string | AnyOperationContract): unknown {
  return hook('cancelled', filter);
}

/** ... for every stored progress update (with a contract: its stage and details typed). */
export function OnOperationProgress<C extends AnyOperationContract>(contract: C): TypedHookDecorator<ContractLifecycleHandler<C, 'progress'>>;
export function OnOperationProgress(operationType?: string): MethodDecorator;
export function OnOperationProgress(filter?: string | AnyOperationContract): unknown {
  return hook('progress', filter);
}
