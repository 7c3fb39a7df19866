import { requestSchemas } from '@liveprogress/protocol/schemas';
import { describe, expectTypeOf, it } from 'vitest';
import { type RequestHandlers, requestRoutes } from '../src/gateway/request-routes.js';

declare const handlers: RequestHandlers;

// Checked by `vitest --typecheck` and by `tsc --noEmit` (tsconfig includes test/).
describe('the gateway routes, built from the request catalogue', () => {
  it('does not compile when a request has no handler', () => {
    const { 'auth.refresh': _left, ...withoutRefresh } = handlers;
    // @ts-expect-error: auth.refresh has no handler
    requestRoutes(requestSchemas, withoutRefresh);
    requestRoutes(requestSchemas, handlers);
  });

  it('types each handler by its request and its ack', () => {
    expectTypeOf<Parameters<RequestHandlers['operation.subscribe']>[1]>().toEqualTypeOf<{ operationId: string; afterSeq?: number | undefined }>();
    expectTypeOf<ReturnType<RequestHandlers['operations.list']>>().resolves.toHaveProperty('operations');
  });
});
