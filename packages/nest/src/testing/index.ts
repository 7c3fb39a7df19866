// @liveprogress/nest/testing: test a service's progress reporting without sockets (docs/testing.md).
export { LiveProgressTestingModule } from './live-progress-testing.module.js';
export { OperationRecorder } from './operation-recorder.js';
