import {
  type AnyOperationContract,
  type ContractDetails,
  type ContractResult,
  type ContractStage,
  checkContractField,
  checkContractStage,
  contractStageDefinitions,
} from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import type { Operation, StageReporter, TaskReporter } from './operation.js';
import type { OperationFailure } from './operation-update.js';
import type { StageInput } from './stage-plan.js';
import type { StartOperationInput } from './start-operation-input.js';

/** What `start(contract, input)` takes: the type, the stages and the details' type come from the contract. */
export type ContractStartInput<C extends AnyOperationContract> = Omit<StartOperationInput, 'operationType' | 'stages' | 'details'> & {
  /** The first details, a whole value of the contract's details. */
  details?: ContractDetails<C>;
  /** A stage's share of the bar (a `weight`, or a `range: [from, to]`), by the contract's stage ids; equal shares otherwise. */
  stageShares?: Partial<Record<ContractStage<C>, Pick<StageInput, 'weight' | 'range'>>>;
};

/** One `update()` of a contract's operation: only its stages, and details of its type (merged shallowly, as always). */
export interface ContractUpdate<C extends AnyOperationContract> {
  progress?: number;
  stage?: ContractStage<C>;
  message?: string;
  details?: Partial<ContractDetails<C>>;
}

export interface ContractStageReporter<C extends AnyOperationContract> {
  update(progress: number, message?: string, details?: Partial<ContractDetails<C>>): void;
}

/** `complete()`'s arguments: the result is required when the contract declares one. */
type CompleteArgs<C extends AnyOperationContract> =
  undefined extends ContractResult<C> ? [result?: ContractResult<C>, message?: string] : [result: ContractResult<C>, message?: string];

/**
 * An operation started from a contract (docs/typed-operations.md). Its methods take only the
 * contract's stages, details and result; at run time a stage outside the contract, details that
 * (once merged) do not validate, or a result that does not, throw `InvalidOperationInputError`
 * naming the field, and nothing is reported.
 */
export interface ContractOperation<C extends AnyOperationContract> {
  readonly id: string;
  readonly contract: C;
  readonly signal: AbortSignal;
  readonly isFinished: boolean;
  update(update: ContractUpdate<C>): void;
  stage(id: ContractStage<C>): ContractStageReporter<C>;
  task(id: string, name?: string, options?: { weight?: number }): TaskReporter;
  complete(...args: CompleteArgs<C>): void;
  fail(failure: OperationFailure | unknown): void;
  waitForSubscriber(options?: { timeoutMs?: number }): Promise<boolean>;
  flushed(): Promise<void>;
  /** The untyped operation underneath, for code that takes any `Operation` (e.g. `runWithOperation`). */
  readonly operation: Operation;
}

/** The untyped start input a contract and its typed input stand for; checks the first details. */
export function contractStartInput<C extends AnyOperationContract>(contract: C, input: ContractStartInput<C>): StartOperationInput {
  const { stageShares, details, ...rest } = input;
  if (details !== undefined) expect(checkContractField(contract, 'details', details));
  const shares = (stageShares ?? {}) as Record<string, Pick<StageInput, 'weight' | 'range'> | undefined>;
  return {
    ...rest,
    operationType: contract.type,
    stages: contractStageDefinitions(contract).map((stage) => ({ ...stage, ...shares[stage.id] })),
    ...(details !== undefined ? { details: details as Record<string, unknown> } : {}),
  };
}

/** Binds a started operation to its contract. */
export function bindContract<C extends AnyOperationContract>(contract: C, operation: Operation, firstDetails?: ContractDetails<C>): ContractOperation<C> {
  return new BoundOperation(contract, operation, firstDetails ? { ...firstDetails } : {});
}

class BoundOperation<C extends AnyOperationContract> implements ContractOperation<C> {
  constructor(
    readonly contract: C,
    readonly operation: Operation,
    /** The details as merged so far, which the contract's validator checks whole. */
    private details: Record<string, unknown>,
  ) {}

  get id(): string {
    return this.operation.id;
  }
  get signal(): AbortSignal {
    return this.operation.signal;
  }
  get isFinished(): boolean {
    return this.operation.isFinished;
  }

  update(update: ContractUpdate<C>): void {
    if (update.stage !== undefined) expect(checkContractStage(this.contract, update.stage));
    if (update.details !== undefined) this.mergeDetails(update.details);
    this.operation.update(update as Parameters<Operation['update']>[0]);
  }

  stage(id: ContractStage<C>): ContractStageReporter<C> {
    expect(checkContractStage(this.contract, id));
    const reporter: StageReporter = this.operation.stage(id);
    return {
      update: (progress, message, details) => {
        if (details !== undefined) this.mergeDetails(details);
        reporter.update(progress, message, details as Record<string, unknown> | undefined);
      },
    };
  }

  task(id: string, name?: string, options?: { weight?: number }): TaskReporter {
    return this.operation.task(id, name, options);
  }

  complete(...[result, message]: CompleteArgs<C>): void {
    if (result !== undefined || this.contract.resultSchema) expect(checkContractField(this.contract, 'result', result));
    this.operation.complete(result, message);
  }

  fail(failure: OperationFailure | unknown): void {
    this.operation.fail(failure);
  }

  waitForSubscriber(options?: { timeoutMs?: number }): Promise<boolean> {
    return this.operation.waitForSubscriber(options);
  }

  flushed(): Promise<void> {
    return this.operation.flushed();
  }

  /** Validates the details as they will be once merged; commits the merge only when they pass. */
  private mergeDetails(details: object): void {
    const merged = { ...this.details, ...details };
    expect(checkContractField(this.contract, 'details', merged));
    this.details = merged;
  }
}

function expect<T>(check: { ok: true; value: T } | { ok: false; message: string }): void {
  if (!check.ok) throw new InvalidOperationInputError(check.message);
}

/** `start(contract, input)` for every entry point that starts operations (OperationsService, LiveProgressPublisher). */
export function startFromContract<C extends AnyOperationContract>(
  start: (input: StartOperationInput) => Operation,
  contract: C,
  input: ContractStartInput<C>,
): ContractOperation<C> {
  return bindContract(contract, start(contractStartInput(contract, input)), input.details);
}
