export { startTestServer } from './start-test-server.js';
export type { TestServer } from './start-test-server.js';
