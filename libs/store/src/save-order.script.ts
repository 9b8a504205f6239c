/**
 * Saves orders atomically: per order a version check, then its document,
 * index entries, history and outbound events — all or nothing. One call
 * saves one order or a batch of them (an ingested page, per shard); each
 * order is checked and saved on its own, so one order's conflict never
 * holds back the others. Every key of a call shares one shard's hash tag,
 * so this runs on Redis Cluster too.
 *
 * KEYS, 12 per order: 1 order hash, 2 history list, 3 event stream,
 *       4 idx all, 5 idx channel, 6 idx new status, 7 idx previous status,
 *       8 idx attention, 9 idx updatedAt (ZADD moves the score on update),
 *       10 idx ship-by, 11 idx account (an order's account never changes),
 *       12 the order's command lease
 * ARGV: 1 stream max length, 2 history entries kept per order (0: all),
 *       then per order: expected version, new version,
 *       doc JSON, channel, status, attention (1|0), updatedAt ms, listing
 *       key, action facts JSON, ship-by ms ('' = not waiting to ship before
 *       a deadline), lease holder ('' = the lease is left as it is),
 *       history count h, event count e, then
 *       h history JSON, then e × (type, orderId, event JSON)
 * A saved order whose lease holder is given ends that holder's command
 * lease (CommandLeases' rule: only while the stored value still names it):
 * a command's last step records its effect and frees the order in one call.
 * Past the history bound the oldest entries go (LTRIM keeps the newest) in
 * the same call, and the order hash's `ht` counts how many went, so a
 * reader can say what it no longer shows and a cursor (an absolute position,
 * `ht` + index) survives a trim.
 * Returns, per order, {1, newVersion} when saved or {0, currentVersion} on
 * a version conflict, flattened into one array.
 */
export const SAVE_ORDERS_LUA = `
local results = {}
local a = 3
local historyMax = tonumber(ARGV[2])
for k = 0, #KEYS - 12, 12 do
  local expected, version, member = ARGV[a], ARGV[a + 1], ARGV[a + 7]
  local historyCount, eventCount = tonumber(ARGV[a + 11]), tonumber(ARGV[a + 12])
  local nextOrder = a + 13 + historyCount + 3 * eventCount
  local current = redis.call('HGET', KEYS[k + 1], 'v') or '0'
  if current ~= expected then
    results[#results + 1] = 0
    results[#results + 1] = current
  else
    redis.call('HSET', KEYS[k + 1], 'doc', ARGV[a + 2], 'v', version, 'ch', ARGV[a + 3], 'st', ARGV[a + 4], 'att', ARGV[a + 5], 'upd', ARGV[a + 6], 'ck', member, 'af', ARGV[a + 8])
    redis.call('ZADD', KEYS[k + 4], 0, member)
    redis.call('ZADD', KEYS[k + 5], 0, member)
    redis.call('ZADD', KEYS[k + 11], 0, member)
    if KEYS[k + 7] ~= KEYS[k + 6] then redis.call('ZREM', KEYS[k + 7], member) end
    redis.call('ZADD', KEYS[k + 6], 0, member)
    if ARGV[a + 5] == '1' then redis.call('ZADD', KEYS[k + 8], 0, member) else redis.call('ZREM', KEYS[k + 8], member) end
    redis.call('ZADD', KEYS[k + 9], ARGV[a + 6], member)
    if ARGV[a + 9] ~= '' then redis.call('ZADD', KEYS[k + 10], ARGV[a + 9], member) else redis.call('ZREM', KEYS[k + 10], member) end
    local i = a + 13
    for _ = 1, historyCount do
      redis.call('RPUSH', KEYS[k + 2], ARGV[i])
      i = i + 1
    end
    if historyMax > 0 and historyCount > 0 then
      local excess = redis.call('LLEN', KEYS[k + 2]) - historyMax
      if excess > 0 then
        redis.call('LTRIM', KEYS[k + 2], excess, -1)
        redis.call('HINCRBY', KEYS[k + 1], 'ht', excess)
      end
    end
    while i < nextOrder do
      redis.call('XADD', KEYS[k + 3], 'MAXLEN', '~', ARGV[1], '*', 'type', ARGV[i], 'orderId', ARGV[i + 1], 'event', ARGV[i + 2])
      i = i + 3
    end
    local holder = ARGV[a + 10]
    if holder ~= '' then
      local lease = redis.call('GET', KEYS[k + 12])
      if lease and string.sub(lease, 1, #holder + 1) == holder .. ' ' then redis.call('DEL', KEYS[k + 12]) end
    end
    results[#results + 1] = 1
    results[#results + 1] = version
  end
  a = nextOrder
end
return results
`;
