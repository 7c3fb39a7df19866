import { describe, expect, it } from 'vitest';
import { LiveProgressConfigError, parseSentinelUrl } from '../src/index.js';

describe('parseSentinelUrl', () => {
  it('reads the Sentinels, the master name, a password and a db from one URL', () => {
    expect(parseSentinelUrl('redis+sentinel://:s%40cret@10.0.0.1:26379,10.0.0.2:26380/main-redis/2')).toEqual({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26380 },
      ],
      masterName: 'main-redis',
      password: 's@cret',
      db: 2,
    });
  });

  it('takes the Sentinel port 26379 when a host names none, and IPv6 hosts in brackets', () => {
    expect(parseSentinelUrl('redis+sentinel://sentinel-a,[::1]:26390/lp').sentinels).toEqual([
      { host: 'sentinel-a', port: 26379 },
      { host: '::1', port: 26390 },
    ]);
  });

  it('refuses a URL without a master name, naming the expected form and hiding the password', () => {
    const refuse = () => parseSentinelUrl('redis+sentinel://:hunter2@10.0.0.1:26379');
    expect(refuse).toThrow(LiveProgressConfigError);
    expect(refuse).toThrow(/redis\+sentinel:\/\/\[:password@\]host:port/);
    expect(refuse).not.toThrow(/hunter2/);
  });

  it('refuses a Sentinel address whose port is not a port', () => {
    expect(() => parseSentinelUrl('redis+sentinel://10.0.0.1:99999/lp')).toThrow(/10\.0\.0\.1:99999/);
  });
});
