/**
 * Saves an order atomically: version check, document, index entries, history
 * and outbound events — all or nothing. Every key shares the order's shard
 * hash tag, so this runs on Redis Cluster too.
 *
 * KEYS: 1 order hash, 2 history list, 3 event stream, 4 idx all,
 *       5 idx channel, 6 idx new status, 7 idx previous status, 8 idx attention
 * ARGV: 1 expected version, 2 new version, 3 doc JSON, 4 channel, 5 status,
 *       6 attention (1|0), 7 updatedAt ms, 8 listing key, 9 stream max length,
 *       10 history count, 11 action facts JSON, then history JSON × n,
 *       then per event: type, orderId, JSON
 * Returns {1, newVersion} on success, {0, currentVersion} on a version conflict.
 */
export const SAVE_ORDER_LUA = `
local current = redis.call('HGET', KEYS[1], 'v') or '0'
if current ~= ARGV[1] then return {0, current} end
redis.call('HSET', KEYS[1], 'doc', ARGV[3], 'v', ARGV[2], 'ch', ARGV[4], 'st', ARGV[5], 'att', ARGV[6], 'upd', ARGV[7], 'ck', ARGV[8], 'af', ARGV[11])
local member = ARGV[8]
redis.call('ZADD', KEYS[4], 0, member)
redis.call('ZADD', KEYS[5], 0, member)
if KEYS[7] ~= KEYS[6] then redis.call('ZREM', KEYS[7], member) end
redis.call('ZADD', KEYS[6], 0, member)
if ARGV[6] == '1' then redis.call('ZADD', KEYS[8], 0, member) else redis.call('ZREM', KEYS[8], member) end
local historyCount = tonumber(ARGV[10])
local i = 12
for _ = 1, historyCount do
  redis.call('RPUSH', KEYS[2], ARGV[i])
  i = i + 1
end
while i + 2 <= #ARGV do
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[9], '*', 'type', ARGV[i], 'orderId', ARGV[i + 1], 'event', ARGV[i + 2])
  i = i + 3
end
return {1, ARGV[2]}
`;
