-- Sets or moves the units on hand of one SKU, creating its stock if new.
-- KEYS[1] stock hash (onHand, reserved)
-- ARGV[1] SET | ADD | LOAD (set only if Redis has no stock for the SKU: first start, lost data)
-- ARGV[2] the new on-hand (SET, LOAD) or the change (ADD, may be negative)
-- Answers {'OK', onHand, reserved} | {'NEGATIVE', onHand, reserved} (nothing changed)
--       | {'KEPT', onHand, reserved} (LOAD found stock already there and left it)
local current = redis.call('HMGET', KEYS[1], 'onHand', 'reserved')
if ARGV[1] == 'LOAD' and current[1] then
  return {'KEPT', current[1], current[2] or '0'}
end
local onHand = tonumber(current[1] or '0')
local reserved = tonumber(current[2] or '0')
local target
if ARGV[1] ~= 'ADD' then
  target = tonumber(ARGV[2])
else
  target = onHand + tonumber(ARGV[2])
end
if target < 0 then
  return {'NEGATIVE', tostring(onHand), tostring(reserved)}
end
redis.call('HSET', KEYS[1], 'onHand', target, 'reserved', reserved)
return {'OK', tostring(target), tostring(reserved)}
