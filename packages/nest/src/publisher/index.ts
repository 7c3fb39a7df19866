// `@liveprogress/nest/publisher` is an alias kept for apps written before @liveprogress/core:
// the publisher lives there, and a worker process needs only `@liveprogress/core` (plus ioredis).
export {
  LiveProgressPublisher,
  bridgeBullMQWorker,
  OperationHandle,
  OperationCancelledError,
  WebhookNotifier,
} from '@liveprogress/core';
export type {
  PublisherOptions,
  BullMQBridgeOptions,
  BridgedJob,
  BridgedWorker,
  StartOperationInput,
  OperationUpdate,
  Notifier,
  OperationNotice,
} from '@liveprogress/core';
