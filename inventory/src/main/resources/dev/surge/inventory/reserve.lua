-- Holds stock for one reservation on SKUs that share a cluster slot: every line or none.
-- KEYS[1]   reservation record (hash: state, expiresAt, lines)
-- KEYS[2]   expiry index of this slot group (zset: reservation id scored by expiresAt)
-- KEYS[3..] stock hash per line (onHand, reserved), in line order
-- ARGV[1]   reservation id
-- ARGV[2]   expiresAt, epoch millis
-- ARGV[3]   record retention, millis (how long a retry is recognised)
-- ARGV[4]   the lines, encoded; a retry must send the same
-- ARGV[5..] quantity per line, in line order
-- Answers {'HELD', expiresAt} | {'EXISTS', state, expiresAt} | {'MISMATCH'}
--       | {'UNKNOWN', lineIndex...} | {'SHORT', lineIndex, available, ...}
local record = KEYS[1]
local state = redis.call('HGET', record, 'state')
if state then
  if redis.call('HGET', record, 'lines') ~= ARGV[4] then
    return {'MISMATCH'}
  end
  return {'EXISTS', state, redis.call('HGET', record, 'expiresAt')}
end

local lines = #KEYS - 2
local unknown = {}
local short = {}
for i = 1, lines do
  local stock = redis.call('HMGET', KEYS[i + 2], 'onHand', 'reserved')
  if not stock[1] then
    unknown[#unknown + 1] = tostring(i)
  else
    local available = tonumber(stock[1]) - tonumber(stock[2] or '0')
    if available < tonumber(ARGV[i + 4]) then
      short[#short + 1] = tostring(i)
      short[#short + 1] = tostring(math.max(available, 0))
    end
  end
end
if #unknown > 0 then
  return {'UNKNOWN', unpack(unknown)}
end
if #short > 0 then
  return {'SHORT', unpack(short)}
end

for i = 1, lines do
  redis.call('HINCRBY', KEYS[i + 2], 'reserved', ARGV[i + 4])
end
redis.call('HSET', record, 'state', 'HELD', 'expiresAt', ARGV[2], 'lines', ARGV[4])
redis.call('PEXPIRE', record, ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return {'HELD', ARGV[2]}
