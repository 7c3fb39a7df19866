import { describe, expect, it } from 'vitest';
import {
  ClientErrorCode,
  ClientRequest,
  ErrorCode,
  HTTP_STATUS_BY_CODE,
  RuntimeErrorCode,
  Rooms,
  ServerEvent,
  isErrorCode,
  isValidEventName,
} from '../src/index.js';

describe('rooms', () => {
  it('URI-encodes every id so no two identities share a room', () => {
    expect(Rooms.user('a:b', 'c')).toBe('user:a%3Ab:c');
    expect(Rooms.user('a', 'b:c')).toBe('user:a:b%3Ac');
    expect(Rooms.tenant('acme/eu')).toBe('tenant:acme%2Feu');
    expect(Rooms.role('t', 'ad min')).toBe('role:t:ad%20min');
    expect(Rooms.operation('op:1')).toBe('op:op%3A1');
  });
});

describe('names and codes', () => {
  it('names the contract events and requests', () => {
    expect(Object.values(ServerEvent)).toEqual([
      'progress.updated',
      'progress.completed',
      'progress.failed',
      'auth.expired',
      'operation.deleted',
      'platform.system.alert',
      'platform.table.refresh',
    ]);
    expect(Object.values(ClientRequest)).toEqual([
      'operation.subscribe',
      'operation.unsubscribe',
      'operation.cancel',
      'operation.delete',
      'operations.list',
      'auth.refresh',
    ]);
  });

  it('gives every error code an HTTP status', () => {
    for (const code of Object.values(ErrorCode)) expect(HTTP_STATUS_BY_CODE[code]).toBeGreaterThanOrEqual(400);
    expect(HTTP_STATUS_BY_CODE.NOT_CANCELLABLE).toBe(409);
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('answers an ingest of an existing id and of an ended operation with codes of their own, both 409', () => {
    expect(HTTP_STATUS_BY_CODE[ErrorCode.OPERATION_EXISTS]).toBe(409);
    expect(HTTP_STATUS_BY_CODE[ErrorCode.OPERATION_ENDED]).toBe(409);
    expect(isErrorCode('OPERATION_EXISTS')).toBe(true);
  });

  it('keeps the codes thrown in-process off the wire', () => {
    for (const code of [...Object.values(RuntimeErrorCode), ...Object.values(ClientErrorCode)]) expect(isErrorCode(code)).toBe(false);
    expect(ClientErrorCode.CONFIG_INVALID).toBe(RuntimeErrorCode.CONFIG_INVALID);
  });

  it('accepts only custom event names of the contract pattern', () => {
    expect(isValidEventName('custom.event.done')).toBe(true);
    expect(isValidEventName('a'.repeat(128))).toBe(true);
    expect(isValidEventName('a'.repeat(129))).toBe(false);
    expect(isValidEventName('Custom')).toBe(false);
    expect(isValidEventName('.leading')).toBe(false);
  });
});
