/**
 * Reads one page of an order's history at once with what it is measured
 * against, so a save trimming the list between two reads cannot shift the
 * page: positions are absolute (entries ever trimmed, `ht` on the order
 * hash, + index in the list).
 *
 * KEYS: 1 order hash, 2 history list. ARGV: 1 absolute position of the first
 * entry wanted, 2 how many (0: all from there).
 * Returns {exists 1|0, trimmed, kept, entries…}.
 */
export const HISTORY_PAGE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0, 0} end
local trimmed = tonumber(redis.call('HGET', KEYS[1], 'ht') or '0')
local kept = redis.call('LLEN', KEYS[2])
local from = tonumber(ARGV[1]) - trimmed
if from < 0 then from = 0 end
local count = tonumber(ARGV[2])
local to = -1
if count > 0 then to = from + count - 1 end
local reply = {1, trimmed, kept}
for _, entry in ipairs(redis.call('LRANGE', KEYS[2], from, to)) do reply[#reply + 1] = entry end
return reply
`;
