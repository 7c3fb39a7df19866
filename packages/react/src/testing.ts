'use client';
// @liveprogress/react/testing: drive your components with scripted progress (docs/testing.md, React components).
// A separate entry: an app's bundle never carries it.

export { createTestLiveProgress } from './testing/create-test-live-progress.js';
export type { TestLiveProgress } from './testing/create-test-live-progress.js';
export type { TestOperation, TestProgressUpdate, ContractTestOperation } from './testing/test-operation.js';
export type { ScriptedOperationInit } from './testing/scripted-server.js';
