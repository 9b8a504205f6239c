/**
 * One shard's share of a listing page, filtered inside Redis: the listing
 * keys (`<created ms>:<id>`) after the cursor that match every filter, in
 * listing order, at most `limit` of them — and the frontier up to which
 * the shard was examined. Only keys come back; the page's documents are
 * read afterwards, for the at most `limit` orders the merge keeps, instead
 * of shipping every examined entry to Node (docs/api-decisions.md has no
 * say here; README *Order store* › Listing).
 *
 * Every filter is an index of the shard, checked by one ZMSCORE per filter
 * over a batch of candidates — the order hash, a few kB of JSON, is never
 * touched:
 *   membership  the order is in the zset (channel, account, status, attention=true);
 *   exclusion   it is not (attention=false);
 *   since       its score in the updatedAt zset is ≥ the bound.
 *
 * The driver is the smallest candidate (O(1) ZCARDs, O(log n) ZCOUNT):
 *   - a membership index, walked by ZRANGEBYLEX from the cursor;
 *   - or the updatedAt zset when fewer orders were updated since the bound
 *     than the smallest membership index holds and at most `rangeMax` of
 *     them: the whole score range is read and sorted by listing key. An
 *     order only ever moves up that range, so a cursor over it stays exact.
 *
 * `budget` caps the entries one call examines. A Lua script holds Redis for
 * its whole run — every other client waits — so the budget bounds both the
 * request's work and how long it can delay a single-order read; when it is
 * spent the shard answers a frontier short of the end and the page carries
 * a cursor to continue from there.
 *
 * Keys: the order hashes are never read, and the indexes are all passed in
 * KEYS; every key shares the shard's hash tag, so this runs on a Cluster.
 *
 * KEYS: 1 updatedAt zset, 2..1+m membership indexes (at least one: the
 *       shard's `all` index when no membership filter is set), then the
 *       exclusion indexes
 * ARGV: 1 after (listing key, '' = from the start), 2 limit, 3 budget,
 *       4 since ms ('' = none), 5 m, 6 rangeMax
 * Returns {frontier, key, key, …}; frontier '' = the shard is exhausted.
 */
export const LIST_SHARD_LUA = `
local after, limit, budget = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local since, m, rangeMax = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])

local driver, driverSize = 2, redis.call('ZCARD', KEYS[2])
for i = 3, 1 + m do
  local size = redis.call('ZCARD', KEYS[i])
  if size < driverSize then driver, driverSize = i, size end
end

-- The members that pass every filter but the driver's, in their order: one
-- ZMSCORE per filter over what is left of the batch (one call for many
-- members costs far less than a call per member).
local function passing(members, skip)
  local survivors = members
  for i = 1, #KEYS do
    if i ~= skip and (i > 1 or since) and #survivors > 0 then
      local scores = redis.call('ZMSCORE', KEYS[i], unpack(survivors))
      local kept = {}
      for n, member in ipairs(survivors) do
        local score = scores[n]
        local ok
        if i == 1 then ok = score and tonumber(score) >= since
        elseif i <= 1 + m then ok = score
        else ok = not score end
        if ok then kept[#kept + 1] = member end
      end
      survivors = kept
    end
  end
  return survivors
end

local out = {''}
if since then
  local updatedCount = redis.call('ZCOUNT', KEYS[1], ARGV[4], '+inf')
  if updatedCount <= rangeMax and updatedCount < driverSize then
    -- At most rangeMax entries read, then at most as many checked: bounded without counting.
    local pending = {}
    for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[4], '+inf')) do
      if member > after then pending[#pending + 1] = member end
    end
    table.sort(pending)
    for _, member in ipairs(passing(pending, 1)) do
      out[#out + 1] = member
      if #out > limit then out[1] = member return out end
    end
    return out
  end
end

local start = after == '' and '-' or '(' .. after
local examined = 0
while true do
  local batch = math.min(budget - examined, math.max(limit, 64))
  local members = redis.call('ZRANGEBYLEX', KEYS[driver], start, '+', 'LIMIT', 0, batch)
  examined = examined + #members
  for _, member in ipairs(passing(members, driver)) do
    out[#out + 1] = member
    if #out > limit then out[1] = member return out end
  end
  if #members < batch then return out end
  start = '(' .. members[#members]
  if examined >= budget then out[1] = members[#members] return out end
end
`;
