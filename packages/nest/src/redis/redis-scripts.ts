/**
 * Lua run inside Redis, so each step is atomic across every process sharing the store.
 * Snapshot fields are stored JSON-encoded one per hash field; `seq` is a plain integer
 * so HINCRBY can assign it; fields starting with `_` are bookkeeping, not snapshot.
 */

/** KEYS: snapshot, tenant idx, owner idx, status idx, type idx, shared idx ('' when owner-only). ARGV: id, createdAt, field/value pairs. */
export const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
for i = 2, 5 do redis.call('ZADD', KEYS[i], ARGV[2], ARGV[1]) end
if KEYS[6] ~= '' then redis.call('ZADD', KEYS[6], ARGV[2], ARGV[1]) end
return 1
`;

/**
 * KEYS: snapshot, events stream, expiring zset, leases zset.
 * ARGV: event JSON without seq, timestamp, max events, retention ms, key prefix, id, new status JSON ('' if unchanged),
 * live channel, field/value pairs. The event is also published on the live channel, in the same round trip,
 * for nodes that stream it over SSE.
 * Returns `{ seq, event, snapshot fields… }` — the snapshot comes back in the same round trip —
 * or false when the operation is missing or already finished: nothing is ever written after a terminal event.
 */
export const APPEND_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return false end
if status == '"completed"' or status == '"failed"' or status == '"cancelled"' then return false end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[2])
if #ARGV >= 10 then redis.call('HSET', KEYS[1], unpack(ARGV, 9)) end
local event = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[3], seq .. '-0', 'e', event)
redis.call('PUBLISH', ARGV[8], event)
local next = ARGV[7]
if next ~= '' and next ~= status then
  local tenantKey = redis.call('HGET', KEYS[1], '_tenantKey')
  local score = redis.call('HGET', KEYS[1], 'createdAt')
  redis.call('ZREM', ARGV[5] .. 'idx:status:' .. tenantKey .. ':' .. cjson.decode(status), ARGV[6])
  redis.call('ZADD', ARGV[5] .. 'idx:status:' .. tenantKey .. ':' .. cjson.decode(next), score, ARGV[6])
  if next == '"completed"' or next == '"failed"' or next == '"cancelled"' then
    redis.call('ZADD', KEYS[3], ARGV[2], ARGV[6])
    redis.call('ZREM', KEYS[4], ARGV[6])
    -- A margin past the retention, so the expiry sweep can still read the index keys before Redis drops the data.
    redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + 300000)
    redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 300000)
  end
end
return {seq, event, redis.call('HGETALL', KEYS[1])}
`;
