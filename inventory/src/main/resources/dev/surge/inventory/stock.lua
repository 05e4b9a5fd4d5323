-- Sets or moves the units on hand of one SKU, creating its stock if new.
-- KEYS[1] stock hash (onHand, reserved)
-- ARGV[1] SET | ADD
-- ARGV[2] the new on-hand (SET) or the change (ADD, may be negative)
-- Answers {'OK', onHand, reserved} | {'NEGATIVE', onHand, reserved} (nothing changed)
local current = redis.call('HMGET', KEYS[1], 'onHand', 'reserved')
local onHand = tonumber(current[1] or '0')
local reserved = tonumber(current[2] or '0')
local target
if ARGV[1] == 'SET' then
  target = tonumber(ARGV[2])
else
  target = onHand + tonumber(ARGV[2])
end
if target < 0 then
  return {'NEGATIVE', tostring(onHand), tostring(reserved)}
end
redis.call('HSET', KEYS[1], 'onHand', target, 'reserved', reserved)
return {'OK', tostring(target), tostring(reserved)}
