import type { StageDefinition } from './operation.js';
import type { StandardSchemaIssue, StandardSchemaOutput, StandardSchemaV1 } from './standard-schema.js';

/**
 * A field's type with no validator behind it: `details: typeOnly<{ processedCount: number }>()`.
 * It costs one small object at run time, so a browser bundle that imports a contract carries no schema code.
 */
export interface TypeOnly<T> {
  readonly '~typeOnly': true;
  /** Never set: carries `T` for the compiler only. */
  readonly '~type'?: T;
}

export function typeOnly<T>(): TypeOnly<T> {
  return TYPE_ONLY as TypeOnly<T>;
}
const TYPE_ONLY: TypeOnly<unknown> = /* @__PURE__ */ Object.freeze({ '~typeOnly': true as const });

/** How a contract declares `details` or `result`: a Standard Schema validator (zod 4, valibot, arktype…) or `typeOnly<T>()`. */
export type FieldSpec = StandardSchemaV1 | TypeOnly<unknown>;

/** The type a `FieldSpec` stands for. */
export type FieldType<S, Otherwise> = S extends TypeOnly<infer T> ? T : S extends StandardSchemaV1 ? StandardSchemaOutput<S> : Otherwise;

/** A stage of a contract: its id, or its id with the label a tracker shows. */
export type StageSpec<Stage extends string = string> = Stage | { readonly id: Stage; readonly name: string; readonly description?: string };

type StageIdOf<S> = S extends { readonly id: infer Id extends string } ? Id : S extends string ? S : never;

export interface OperationContractDefinition<
  Type extends string = string,
  Stages extends readonly StageSpec[] = readonly StageSpec[],
  Details extends FieldSpec | undefined = FieldSpec | undefined,
  Result extends FieldSpec | undefined = FieldSpec | undefined,
> {
  /** The operation type every operation of this contract carries. */
  readonly type: Type;
  /** Its stages in order; a stage outside them is refused. */
  readonly stages: Stages;
  /** What `details` holds: each update that names details carries a whole value of it, validated as sent. */
  readonly details?: Details;
  /** What the operation completes with. */
  readonly result?: Result;
}

/**
 * One kind of operation, shared by the code that runs it and the code that shows it
 * (docs/typed-operations.md): its type, its stages, and the types of its `details` and `result`.
 */
export interface OperationContract<
  Type extends string = string,
  Stage extends string = string,
  Details extends Record<string, unknown> = Record<string, unknown>,
  Result = unknown,
> {
  readonly type: Type;
  /** The stages in order, with the labels trackers show (the id where none was given). */
  readonly stages: ReadonlyArray<{ readonly id: Stage; readonly name: string; readonly description?: string }>;
  readonly detailsSchema: FieldSpec | undefined;
  readonly resultSchema: FieldSpec | undefined;
  /** Never set: carries the types for the compiler. */
  readonly '~types'?: { readonly stage: Stage; readonly details: Details; readonly result: Result };
}

export type ContractStage<C> = C extends OperationContract<string, infer Stage> ? Stage : string;
export type ContractDetails<C> = C extends OperationContract<string, string, infer Details> ? Details : Record<string, unknown>;
export type ContractResult<C> = C extends OperationContract<string, string, Record<string, unknown>, infer Result> ? Result : unknown;
export type AnyOperationContract = OperationContract<string, string, Record<string, unknown>, unknown>;

export function defineOperation<
  const Type extends string,
  const Stages extends readonly StageSpec[],
  Details extends FieldSpec | undefined = undefined,
  Result extends FieldSpec | undefined = undefined,
>(
  definition: OperationContractDefinition<Type, Stages, Details, Result>,
): OperationContract<
  Type,
  StageIdOf<Stages[number]>,
  FieldType<Details, Record<string, unknown>> extends Record<string, unknown> ? FieldType<Details, Record<string, unknown>> : never,
  FieldType<Result, unknown>
> {
  const seen = new Set<string>();
  const stages = definition.stages.map((spec) => {
    const stage = typeof spec === 'string' ? { id: spec, name: spec } : { ...spec };
    if (!stage.id || seen.has(stage.id)) throw new TypeError(`defineOperation(${definition.type}): stage ids must be unique and non-empty, got "${stage.id}"`);
    seen.add(stage.id);
    return Object.freeze(stage);
  });
  return Object.freeze({
    type: definition.type,
    stages: Object.freeze(stages),
    detailsSchema: definition.details,
    resultSchema: definition.result,
  }) as never;
}

/** Whether a value is a contract (`defineOperation`'s result): an untyped start input has `operationType`, a contract `type`. */
export function isOperationContract(value: unknown): value is AnyOperationContract {
  return typeof value === 'object' && value !== null && 'type' in value && 'stages' in value && 'detailsSchema' in value;
}

/** The contract's stages as the snapshot's `stages` list them (`{ id, name, description?, order }`). */
export function contractStageDefinitions(contract: AnyOperationContract): StageDefinition[] {
  return contract.stages.map((stage, order) => ({ ...stage, order }));
}

/** A contract field checked at run time: the value it validated to, or why not (naming the field). */
export type ContractCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Validates `value` against a contract's field (`details` or `result`). Type-only fields and
 * absent validators accept anything. Validation must be synchronous: updates are reported
 * synchronously and coalesced, so an async validator is refused with a message that says so.
 */
export function checkContractField<T>(contract: AnyOperationContract, field: 'details' | 'result', value: unknown): ContractCheck<T> {
  const spec = field === 'details' ? contract.detailsSchema : contract.resultSchema;
  if (!spec || '~typeOnly' in spec) return { ok: true, value: value as T };
  const outcome = spec['~standard'].validate(value);
  if (outcome instanceof Promise) {
    return { ok: false, message: `${contract.type}: the ${field} validator is asynchronous; a contract's validators must validate synchronously` };
  }
  if (outcome.issues) return { ok: false, message: `${contract.type} ${field}: ${outcome.issues.map((issue) => describeIssue(field, issue)).join('; ')}` };
  return { ok: true, value: outcome.value as T };
}

/** Checks a stage name against the contract's stages. */
export function checkContractStage(contract: AnyOperationContract, stage: string | null | undefined): ContractCheck<string | null | undefined> {
  if (stage == null || contract.stages.some((s) => s.id === stage)) return { ok: true, value: stage };
  return { ok: false, message: `${contract.type}: stage "${stage}" is not one of ${contract.stages.map((s) => `"${s.id}"`).join(', ')}` };
}

function describeIssue(field: string, issue: StandardSchemaIssue): string {
  const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment));
  return `${[field, ...path].join('.')}: ${issue.message}`;
}
