-- Holds stock for one reservation on SKUs that share a cluster slot: every line or none.
-- KEYS[1]   reservation record (hash: state, expiresAt, lines)
-- KEYS[2]   expiry index of this slot group (zset: reservation id scored by expiresAt)
-- KEYS[3..] stock hash per line (onHand, reserved), in line order; on a single Redis (not a
--           cluster) followed by the reservation's directory entry and the expiry-tag registry
-- ARGV[1]   reservation id
-- ARGV[2]   now, epoch millis, or '' for Redis's clock (clock.lua)
-- ARGV[3]   time to live, millis: the hold ends at now + ttl ...
-- ARGV[4]   ... unless this is given (epoch millis; a cluster's groups share the directory's), or ''
-- ARGV[5]   retention after expiry, millis (how long a retry is recognised; the record outlives
--           its hold, so the sweeper always finds what to give back)
-- ARGV[6]   the lines, encoded; a retry must send the same
-- ARGV[7]   the reservation's groups for the directory entry written with the hold, or '' when
--           the caller keeps the directory (cluster)
-- ARGV[8]   this group's tag, registered for the sweeper along with the directory entry
-- ARGV[9..] quantity per line, in line order, then the units sold per line the caller has seen this store
--           answer (its tally never goes down: lower means the store went back in time, a restored snapshot)
-- Answers {'HELD', expiresAt, sold...} | {'EXISTS', state, expiresAt} | {'MISMATCH'}
--       | {'UNKNOWN', lineIndex...} | {'SHORT', lineIndex, available, ...}
--       | {'STALE', lineIndex...} (nothing held: those lines' counters lost sales the caller saw)
local record = KEYS[1]
local withDirectory = ARGV[7] ~= ''
-- On a single Redis the directory entry says which lines this id was first used for, even
-- when this call's lines would put the record under another tag: another basket is refused.
if withDirectory then
  local existing = redis.call('GET', KEYS[#KEYS - 1])
  if existing and string.match(existing, ';(.*)$') ~= ARGV[7] then
    return {'MISMATCH'}
  end
end
local state = redis.call('HGET', record, 'state')
if state then
  if redis.call('HGET', record, 'lines') ~= ARGV[6] then
    return {'MISMATCH'}
  end
  return {'EXISTS', state, redis.call('HGET', record, 'expiresAt')}
end

local lines = #KEYS - 2
if withDirectory then
  lines = lines - 2
end
local unknown = {}
local short = {}
local stale = {}
local sold = {}
for i = 1, lines do
  local stock = redis.call('HMGET', KEYS[i + 2], 'onHand', 'reserved', 'sold')
  sold[i] = stock[3] or '0'
  if not stock[1] then
    unknown[#unknown + 1] = tostring(i)
  elseif tonumber(sold[i]) < tonumber(ARGV[i + 8 + lines] or '0') then
    stale[#stale + 1] = tostring(i)
  else
    local available = tonumber(stock[1]) - tonumber(stock[2] or '0')
    if available < tonumber(ARGV[i + 8]) then
      short[#short + 1] = tostring(i)
      short[#short + 1] = tostring(math.max(available, 0))
    end
  end
end
if #unknown > 0 then
  return {'UNKNOWN', unpack(unknown)}
end
if #stale > 0 then
  return {'STALE', unpack(stale)}
end
if #short > 0 then
  return {'SHORT', unpack(short)}
end

local now = clockNow(ARGV[2])
local expiresAt = now + tonumber(ARGV[3])
if ARGV[4] ~= '' then
  expiresAt = tonumber(ARGV[4])
end
local expiry = string.format('%d', expiresAt)
local keep = keepFor(expiresAt, now, tonumber(ARGV[5]))
for i = 1, lines do
  redis.call('HINCRBY', KEYS[i + 2], 'reserved', ARGV[i + 8])
end
redis.call('HSET', record, 'state', 'HELD', 'expiresAt', expiry, 'lines', ARGV[6])
redis.call('PEXPIRE', record, keep)
redis.call('ZADD', KEYS[2], expiry, ARGV[1])
if withDirectory then
  redis.call('SET', KEYS[#KEYS - 1], expiry .. ';' .. ARGV[7], 'PX', keep)
  redis.call('SADD', KEYS[#KEYS], ARGV[8])
end
return {'HELD', expiry, unpack(sold)}
