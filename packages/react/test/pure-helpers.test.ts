import type { OperationSnapshot } from '@liveprogress/protocol';
import { describe, expect, it } from 'vitest';
import { resolveEndpoint, resolveSocketUrl, toHttpUrl } from '../src/default-urls.js';
import { formatSpan } from '../src/format-duration.js';
import { encodeBody } from '../src/operation-request.js';
import { stageStates } from '../src/stage-states.js';
import { toSystemToast } from '../src/toasts.js';

const STAGES = [
  { id: 'b', name: 'B', order: 2 },
  { id: 'a', name: 'A', order: 1 },
  { id: 'c', name: 'C', order: 3 },
];

function snapshot(patch: Partial<OperationSnapshot>): OperationSnapshot {
  return {
    operationId: 'op',
    operationType: 't',
    name: null,
    status: 'running',
    stage: null,
    progress: 0,
    message: null,
    details: null,
    stages: null,
    tasks: null,
    result: null,
    error: null,
    ownerId: 'u',
    tenantId: 't1',
    visibility: 'owner',
    createdAt: 0,
    updatedAt: 0,
    startedAt: 0,
    finishedAt: null,
    estimatedCompletion: null,
    seq: 1,
    ...patch,
  };
}

describe('stageStates', () => {
  it('orders stages and marks earlier ones done, the current one current, later ones pending', () => {
    expect(stageStates(STAGES, snapshot({ stage: 'b' })).map((s) => `${s.id}:${s.state}`)).toEqual(['a:done', 'b:current', 'c:pending']);
  });

  it('marks the stage a failed or cancelled operation stopped in as failed', () => {
    expect(stageStates(STAGES, snapshot({ stage: 'b', status: 'failed' })).map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
    expect(stageStates(STAGES, snapshot({ stage: 'a', status: 'cancelled' })).map((s) => s.state)).toEqual(['failed', 'pending', 'pending']);
  });

  it('marks every stage done once the operation completed, and none before it has a stage', () => {
    expect(stageStates(STAGES, snapshot({ stage: 'b', status: 'completed' })).map((s) => s.state)).toEqual(['done', 'done', 'done']);
    expect(stageStates(STAGES, null).map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
    expect(stageStates(STAGES, snapshot({ stage: 'unknown' })).map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
  });
});

describe('formatSpan', () => {
  it('writes a span in words, to the second', () => {
    expect(formatSpan(0)).toBe('less than a second');
    expect(formatSpan(42_300)).toBe('42 seconds');
    expect(formatSpan(65_000)).toBe('1 minute 5 seconds');
    expect(formatSpan(3_600_000 + 120_000)).toBe('1 hour 2 minutes');
  });
});

describe('encodeBody', () => {
  it('sends plain data as JSON', () => {
    expect(encodeBody({ name: 'x', simulate: { durationMs: 5 } })).toBe('{"name":"x","simulate":{"durationMs":5}}');
    expect(encodeBody(undefined)).toBeUndefined();
  });

  it('sends form data when a value is a File or Blob, one part per array item, objects as JSON', async () => {
    const body = encodeBody({ file: [new File(['1'], 'a.txt'), new File(['22'], 'b.txt')], destination: 'in/', simulate: { durationMs: 5 }, skip: undefined });
    expect(body).toBeInstanceOf(FormData);
    const form = body as FormData;
    expect(form.getAll('file').map((f) => (f as File).name)).toEqual(['a.txt', 'b.txt']);
    expect(form.get('destination')).toBe('in/');
    expect(form.get('simulate')).toBe('{"durationMs":5}');
    expect(form.has('skip')).toBe(false);
  });
});

describe('URLs', () => {
  it('maps socket URLs to HTTP and joins endpoints onto the API URL, keeping its path', () => {
    expect(toHttpUrl('ws://localhost:3001')).toBe('http://localhost:3001');
    expect(toHttpUrl('wss://api.example.com')).toBe('https://api.example.com');
    expect(resolveEndpoint('/api/x', 'https://host/backend/')).toBe('https://host/backend/api/x');
    expect(resolveEndpoint('api/x', 'https://host')).toBe('https://host/api/x');
    expect(resolveEndpoint('https://other/api/x', 'https://host')).toBe('https://other/api/x');
    expect(resolveEndpoint('/api/x', undefined)).toBe('/api/x');
  });

  it('prefers the url prop to the page origin', () => {
    expect(resolveSocketUrl('http://127.0.0.1:1')).toBe('http://127.0.0.1:1');
    expect(resolveSocketUrl(undefined)).toBe(window.location.origin);
  });
});

describe('toSystemToast', () => {
  it('reads a platform.system.alert and ignores anything malformed', () => {
    expect(toSystemToast({ type: 'toast', toast: { title: 'T', message: 'M', type: 'warning', duration: 10 } })).toEqual({
      source: 'system',
      title: 'T',
      message: 'M',
      type: 'warning',
      duration: 10,
    });
    expect(toSystemToast({ type: 'toast', toast: { title: 'T', type: 'loud' } })).toBeNull();
    expect(toSystemToast('nope')).toBeNull();
  });
});
