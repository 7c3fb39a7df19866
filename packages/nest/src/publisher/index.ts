// `@liveprogress/nest/publisher`: report operations from any Node process, no Nest needed.
export { LiveProgressPublisher } from './live-progress-publisher.js';
export type { PublisherOptions } from './live-progress-publisher.js';
export { bridgeBullMQWorker } from './bullmq-bridge.js';
export type { BullMQBridgeOptions, BridgedJob, BridgedWorker } from './bullmq-bridge.js';
export { OperationHandle, OperationCancelledError } from '../operations/operation-handle.js';
export type { StartOperationInput } from '../operations/start-operation-input.js';
export type { OperationUpdate } from '../operations/operation-update.js';
export { WebhookNotifier } from '../notifiers/webhook.notifier.js';
export type { Notifier, OperationNotice } from '../notifiers/notifier.interface.js';
