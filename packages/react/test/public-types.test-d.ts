import {
  defineOperation,
  type ProgressConfig,
  typeOnly,
  type useLiveOperation,
  useOperation,
  type useWebSocket,
  type LiveOperationActions,
  type LiveOperationState,
  type OperationConfig,
  type OperationProgress,
  type StartOperationData,
  type TaskSnapshot,
  type UseOperationResult,
  type WebSocketContextValue,
} from '@liveprogress/react';
import type { OperationSnapshot } from '@liveprogress/protocol';
import { describe, expectTypeOf, it } from 'vitest';

interface Request {
  name: string;
}
interface Response {
  operationId: string;
  estimatedDuration: number;
}

describe('public types', () => {
  it('types useLiveOperation by its request and start response', () => {
    type Result = ReturnType<typeof useLiveOperation<Request, Response>>;
    expectTypeOf<Result>().toEqualTypeOf<[LiveOperationState<Response>, LiveOperationActions<Request, Response>]>();
    expectTypeOf<LiveOperationActions<Request, Response>['execute']>().parameters.toEqualTypeOf<[Request]>();
    expectTypeOf<LiveOperationActions<Request, Response>['execute']>().returns.toEqualTypeOf<Promise<Response | null>>();
    expectTypeOf<OperationConfig<Request>['onStart']>().toEqualTypeOf<((request: Request) => void) | undefined>();
  });

  it("defaults to any plain object request and the guide's start response", () => {
    expectTypeOf<OperationConfig['onStart']>().toEqualTypeOf<((request: Record<string, unknown>) => void) | undefined>();
    expectTypeOf<LiveOperationState['response']>().toEqualTypeOf<StartOperationData | null>();
    expectTypeOf<StartOperationData>().toEqualTypeOf<{ operationId: string; estimatedDuration?: number }>();
  });

  it('hands onProgress and onComplete typed values, not any', () => {
    expectTypeOf<Parameters<NonNullable<OperationConfig['onProgress']>>[0]>().toEqualTypeOf<OperationProgress>();
    expectTypeOf<Parameters<NonNullable<OperationConfig['onComplete']>>>().toEqualTypeOf<[result: unknown, snapshot: OperationSnapshot]>();
    expectTypeOf<OperationProgress['details']>().toEqualTypeOf<Record<string, unknown> | null>();
    expectTypeOf<LiveOperationState['result']>().toBeUnknown();
  });

  it("returns nothing from the off-functions, so the guide's effect cleanups type-check", () => {
    expectTypeOf<WebSocketContextValue['unsubscribeFromEvent']>().returns.toBeVoid();
    expectTypeOf<WebSocketContextValue['offTableRefresh']>().returns.toBeVoid();
    expectTypeOf<ReturnType<typeof useWebSocket>['subscribeToEvent']>().returns.toBeString();
  });

  it('hands out the tasks read-only, with their counts and the step', () => {
    expectTypeOf<UseOperationResult['tasks']>().toEqualTypeOf<readonly TaskSnapshot[]>();
    expectTypeOf<UseOperationResult['completedTasks']>().toBeNumber();
    expectTypeOf<UseOperationResult['step']>().toEqualTypeOf<number | null>();
    expectTypeOf<OperationProgress['totalSteps']>().toEqualTypeOf<number | null>();
    expectTypeOf<TaskSnapshot['status']>().toEqualTypeOf<'pending' | 'running' | 'completed' | 'failed'>();
  });

  it('accepts a missing operation id in useOperation', () => {
    expectTypeOf(useOperation).toBeCallableWith(null);
    expectTypeOf(useOperation).toBeCallableWith(undefined);
    expectTypeOf(useOperation).toBeCallableWith('an-operation-id');
  });
});

describe('typed operations', () => {
  const report = defineOperation({
    type: 'report_export',
    stages: ['query', 'render'],
    details: typeOnly<{ pages: number }>(),
    result: typeOnly<{ url: string }>(),
  });

  it('types useOperation(contract, id) by the contract, and leaves useOperation(id) as it was', () => {
    type Typed = ReturnType<typeof useOperation<typeof report>>;
    expectTypeOf<NonNullable<Typed['snapshot']>['stage']>().toEqualTypeOf<'query' | 'render' | null>();
    expectTypeOf<NonNullable<Typed['snapshot']>['details']>().toEqualTypeOf<{ pages: number } | null>();
    expectTypeOf<NonNullable<Typed['snapshot']>['result']>().toEqualTypeOf<{ url: string } | null>();
    expectTypeOf<NonNullable<Typed['snapshot']>['operationType']>().toEqualTypeOf<'report_export'>();
    expectTypeOf<UseOperationResult['snapshot']>().toEqualTypeOf<OperationSnapshot | null>();
  });

  it('lets a ProgressTracker config name a contract instead of an operation type, but not neither', () => {
    expectTypeOf<{ contract: typeof report; operationId: string; title: string }>().toExtend<ProgressConfig>();
    expectTypeOf<{ operationType: string; operationId: string; title: string }>().toExtend<ProgressConfig>();
    // @ts-expect-error neither a contract nor an operation type
    const neither: ProgressConfig = { operationId: 'x', title: 'y' };
    void neither;
  });

  it('types useLiveOperation by a contract in its config, and still needs an operation type without one', () => {
    type Started = ReturnType<typeof useLiveOperation<Record<string, unknown>, StartOperationData, typeof report>>;
    expectTypeOf<Started[0]['result']>().toEqualTypeOf<{ url: string } | null>();
    expectTypeOf<OperationConfig>().toHaveProperty('operationType');
    // @ts-expect-error neither a contract nor an operation type
    const missing: OperationConfig = { apiEndpoint: '/x', operationName: 'X' };
    void missing;
    const withContract: OperationConfig<Record<string, unknown>, StartOperationData, { url: string }> = {
      contract: report,
      apiEndpoint: '/x',
      operationName: 'X',
      onComplete: (result) => expectTypeOf(result).toEqualTypeOf<{ url: string }>(),
    };
    void withContract;
  });
});
