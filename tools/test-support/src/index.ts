export { freePort } from './free-port.js';
export { TEST_JWT_SECRET, signToken } from './tokens.js';
export type { TestClaims } from './tokens.js';
export { startApi, stopProcess, devToken } from './start-api.js';
export type { RunningApi } from './start-api.js';
export { startRedis } from './start-redis.js';
export type { RunningRedis } from './start-redis.js';
export { makeSnapshot } from './snapshot-fixture.js';
