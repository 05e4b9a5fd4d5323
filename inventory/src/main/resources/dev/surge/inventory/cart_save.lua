-- Replaces a cart's lines if it is still at the version the caller read (optimistic update).
-- KEYS[1] the cart hash; ARGV[1] expected version; ARGV[2] encoded lines; ARGV[3] time to live (ms);
-- ARGV[4] optional: the field that marks a guest cart merged into this one, so a guest cart is merged once
-- however many claims race (the marker is written with the lines, atomically).
-- Answers {'saved', version} | {'conflict', version} | {'merged-before', version} | {'missing'}.
local current = redis.call('HGET', KEYS[1], 'version')
if not current then
  return {'missing'}
end
if ARGV[4] and redis.call('HEXISTS', KEYS[1], ARGV[4]) == 1 then
  return {'merged-before', current}
end
if current ~= ARGV[1] then
  return {'conflict', current}
end
local next = tostring(tonumber(current) + 1)
redis.call('HSET', KEYS[1], 'lines', ARGV[2], 'version', next)
if ARGV[4] then
  redis.call('HSET', KEYS[1], ARGV[4], '1')
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {'saved', next}
