import { ADAPTER_BROADCAST_LUA } from './adapter-frame.js';

/**
 * Lua run inside Redis, so each step is atomic across every process sharing the store.
 * Snapshot fields are stored JSON-encoded one per hash field; `seq` is a plain integer
 * so HINCRBY can assign it; fields starting with `_` are bookkeeping, not snapshot.
 */

/** Redis's clock in ms, read inside a script (allowed since Redis 5 with effect replication, the default since 7). */
const REDIS_NOW_LUA = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: snapshot, tenant idx, owner idx, status idx, type idx, shared idx ('' when owner-only),
 * activity zset ('' when stored already finished). ARGV: id, createdAt, field/value pairs.
 */
export const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
for i = 2, 5 do redis.call('ZADD', KEYS[i], ARGV[2], ARGV[1]) end
if KEYS[6] ~= '' then redis.call('ZADD', KEYS[6], ARGV[2], ARGV[1]) end
if KEYS[7] ~= '' then
${REDIS_NOW_LUA}
  redis.call('ZADD', KEYS[7], now, ARGV[1])
end
return 1
`;

/**
 * KEYS: snapshot, events stream, expiring zset, leases zset, activity zset.
 * ARGV: 1 live payload JSON without seq or event name, 2 timestamp, 3 max events, 4 retention ms,
 * 5 key prefix, 6 id, 7 new status JSON ('' if unchanged), 8 live channel, 9 event name,
 * 10 Socket.IO adapter stream ('' for none), 11 the operation's room, 12 broadcast uid,
 * 13 '1' to return the snapshot after the write, 14 the expected seq ('' for any), 15 the event's
 * type as JSON ('' if it names none), 16 that type as it appears in index key names, then field/value
 * pairs of the snapshot patch other than the status and the type (written here only when they change).
 *
 * In one round trip it assigns the seq, stores the event and the patch, publishes the event
 * on the live channel (for SSE on other nodes) and, given the adapter's stream, appends the
 * room broadcast there in the Socket.IO streams adapter's own format (adapter-frame.ts), so the event leaves for
 * every node's sockets without a second round trip — the way Socket.IO's emitters work.
 * Returns `{ seq }`, or `{ seq, snapshot fields… }` when asked for the snapshot (reading a
 * snapshot with tasks back on every progress event costs Redis time every node waits on);
 * the caller stamps the seq on the event it sent, which is the stored event. Returns false
 * when the operation is missing or already finished: nothing is ever written after a terminal
 * event. When the seq is not the expected one (another process wrote since the caller read),
 * it writes nothing and returns `{ -1, snapshot fields… }`, so the caller builds its event again on them.
 * Every stored event of a running operation renews its activity (on Redis's clock: the
 * STALLED sweep reads it); the terminal one takes it out of the activity set and the leases.
 * An event that names another type than the stored one (a type named after the operation was
 * registered without one) moves the operation to that type's index, so listing by type finds it.
 *
 * Cost (docs/performance.md, cross-node): this runs for every event on the publishing node's
 * path to every other node, so the steady case is one HMGET, one HSET, the two XADDs, the
 * PUBLISH and the activity renewal; the reads that index moves need happen only when the
 * status or the type changes.
 */
export const APPEND_SCRIPT = `
local current = redis.call('HMGET', KEYS[1], 'status', 'seq', 'operationType')
local status = current[1]
if not status then return false end
if status == '"completed"' or status == '"failed"' or status == '"cancelled"' then return false end
if ARGV[14] ~= '' and current[2] ~= ARGV[14] then return {-1, redis.call('HGETALL', KEYS[1])} end
local seq = (tonumber(current[2]) or 0) + 1
local next = ARGV[7]
local typeMoves = ARGV[15] ~= '' and current[3] ~= ARGV[15]
local statusMoves = next ~= '' and next ~= status
if typeMoves or statusMoves then
  local marks = redis.call('HMGET', KEYS[1], '_tenantKey', '_typeKey', 'createdAt')
  local tenantKey, createdAt = marks[1], marks[3]
  if typeMoves then
    local typePrefix = ARGV[5] .. 'idx:type:' .. tenantKey .. ':'
    if marks[2] then redis.call('ZREM', typePrefix .. marks[2], ARGV[6]) end
    redis.call('ZADD', typePrefix .. ARGV[16], createdAt, ARGV[6])
    redis.call('HSET', KEYS[1], 'operationType', ARGV[15], '_typeKey', ARGV[16])
  end
  if statusMoves then
    redis.call('ZREM', ARGV[5] .. 'idx:status:' .. tenantKey .. ':' .. cjson.decode(status), ARGV[6])
    redis.call('ZADD', ARGV[5] .. 'idx:status:' .. tenantKey .. ':' .. cjson.decode(next), createdAt, ARGV[6])
    redis.call('HSET', KEYS[1], 'status', next)
  end
end
redis.call('HSET', KEYS[1], 'seq', tostring(seq), 'updatedAt', ARGV[2], unpack(ARGV, 17))
local live = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
local stored = '{"event":' .. cjson.encode(ARGV[9]) .. ',' .. string.sub(live, 2)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[3], seq .. '-0', 'e', stored)
redis.call('PUBLISH', ARGV[8], stored)
if ARGV[10] ~= '' then
  local name, stream, room, uid = ARGV[9], ARGV[10], ARGV[11], ARGV[12]
${ADAPTER_BROADCAST_LUA}
end
if next == '"completed"' or next == '"failed"' or next == '"cancelled"' then
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[6])
  redis.call('ZREM', KEYS[4], ARGV[6])
  redis.call('ZREM', KEYS[5], ARGV[6])
  -- A margin past the retention, so the expiry sweep can still read the index keys before Redis drops the data.
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + 300000)
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 300000)
else
${REDIS_NOW_LUA}
  redis.call('ZADD', KEYS[5], 'XX', now, ARGV[6])
end
if ARGV[13] == '1' then return {seq, redis.call('HGETALL', KEYS[1])} end
return {seq}
`;

/**
 * KEYS: leases zset. ARGV: 1 lease ms, then pairs of operation id and its snapshot key. Sets
 * each lease to Redis's now plus the lease, so a renewal that waited in a stalled connection
 * still gives a full lease from when it runs — except for an operation that has already ended
 * (another process failed it STALLED or PRODUCER_LOST, or cancelled it): its lease is dropped
 * instead, so a live process cannot keep an ended operation's lease, and it is named in the
 * answer so that process lets go of its handle. Returns `{ Redis's now, ended ids… }` (ids may
 * be none: the heartbeat doubles as a probe).
 */
export const RENEW_LEASES_SCRIPT = `
${REDIS_NOW_LUA}
local deadline = now + tonumber(ARGV[1])
local answer = {now}
for i = 2, #ARGV, 2 do
  local status = redis.call('HGET', ARGV[i + 1], 'status')
  if status == '"completed"' or status == '"failed"' or status == '"cancelled"' then
    redis.call('ZREM', KEYS[1], ARGV[i])
    answer[#answer + 1] = ARGV[i]
  else
    redis.call('ZADD', KEYS[1], deadline, ARGV[i])
  end
end
return answer
`;

/** KEYS: leases zset. ARGV: 1 max ids. The operations whose lease deadline passed on Redis's clock. */
export const EXPIRED_LEASES_SCRIPT = `
${REDIS_NOW_LUA}
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
`;

/** KEYS: activity zset. ARGV: 1 idle ms, 2 max ids. Running operations with no activity for the idle time, on Redis's clock. */
export const STALE_OPERATIONS_SCRIPT = `
${REDIS_NOW_LUA}
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
`;

/** KEYS: activity zset. ARGV: 1 operation id. Renews its activity if it is running (in the set). */
export const MARK_ACTIVE_SCRIPT = `
${REDIS_NOW_LUA}
return redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
`;

/**
 * KEYS: snapshot, events stream, then every index and set the operation may be in (tenant,
 * owner, each status, type, shared, expiring, leases, activity). ARGV: 1 operation id.
 * Deletes a finished operation whole in one step: returns 1, or 0 when it is missing, or -1
 * (nothing deleted) while it runs. Appends refuse a missing snapshot, so nothing written after
 * this step can bring any of it back.
 */
export const DELETE_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 0 end
if status ~= '"completed"' and status ~= '"failed"' and status ~= '"cancelled"' then return -1 end
redis.call('DEL', KEYS[1], KEYS[2])
for i = 3, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
`;

/**
 * One token bucket (RedisAttemptLimiter). KEYS: bucket hash. ARGV: points, durationMs,
 * take (1 spends a token, 0 only looks). Returns 1 when a token was there. Time is Redis's
 * own (TIME), so nodes with skewed clocks still share one bucket; writes are replicated as
 * effects, as Redis does for every script since 5.0.
 */
export const TOKEN_BUCKET_SCRIPT = `
local points = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
${REDIS_NOW_LUA}
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = points
  at = now
end
tokens = math.min(points, tokens + math.max(0, now - at) * points / duration)
if tokens < 1 then return 0 end
if ARGV[3] ~= '1' then return 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], duration)
return 1
`;
