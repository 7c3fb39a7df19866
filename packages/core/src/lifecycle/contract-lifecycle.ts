import type { AnyOperationContract, ContractDetails, ContractResult, ContractStage, OperationSnapshot, StoredEvent } from '@liveprogress/protocol';
import type { LifecycleStatus } from './lifecycle-status.js';

/** A snapshot of an operation of contract `C`: its stage, details and result typed by the contract (docs/typed-operations.md). */
export type ContractLifecycleSnapshot<C extends AnyOperationContract> = Omit<OperationSnapshot, 'operationType' | 'stage' | 'details' | 'result'> & {
  operationType: C['type'];
  stage: ContractStage<C> | null;
  details: ContractDetails<C> | null;
  result: ContractResult<C> | null;
};

type UpdatedEvent = Extract<StoredEvent, { event: 'progress.updated' }>;
type CompletedEvent = Extract<StoredEvent, { event: 'progress.completed' }>;
type FailedEvent = Extract<StoredEvent, { event: 'progress.failed' }>;

/** The event a hook for `status` receives, typed by contract `C`: an update's stage and details, a completion's result. */
export type ContractLifecycleEvent<C extends AnyOperationContract, S extends LifecycleStatus> = S extends 'progress'
  ? Omit<UpdatedEvent, 'operationType' | 'stage' | 'details'> & { operationType: C['type']; stage: ContractStage<C> | null; details: ContractDetails<C> | null }
  : S extends 'completed'
    ? Omit<CompletedEvent, 'operationType' | 'result'> & { operationType: C['type']; result?: ContractResult<C> }
    : Omit<FailedEvent, 'operationType'> & { operationType: C['type'] };

/** A lifecycle hook of one contract's operations, for one status. */
export type ContractLifecycleHandler<C extends AnyOperationContract, S extends LifecycleStatus> = (
  event: ContractLifecycleEvent<C, S>,
  snapshot: ContractLifecycleSnapshot<C>,
) => void | Promise<void>;
