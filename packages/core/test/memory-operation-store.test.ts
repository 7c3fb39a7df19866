import { MemoryOperationStore } from '../src/index.js';
import { describeOperationStore } from './support/operation-store.contract.js';

describeOperationStore('MemoryOperationStore', async ({ maxEvents, retentionMs }) => new MemoryOperationStore({ maxEvents, terminalRetentionMs: retentionMs }));
