-- A buyer's open holds on a Redis Cluster, where their set has a slot of its own: taken before the
-- reservation's groups are held, and given back when one cannot be or the hold ends (on a single
-- Redis the reserve and settle scripts do this in the same call).
-- KEYS[1]   the buyer's open holds (zset: reservation id -> expiry)
-- ARGV[1]   TAKE | END
-- ARGV[2]   reservation id
-- ARGV[3]   now, epoch millis, or '' for Redis's clock (clock.lua)
-- ARGV[4]   TAKE: how many holds the buyer may have at once
-- ARGV[5]   TAKE: the hold's expiry, epoch millis
-- Answers {'TAKEN'} (also for a retry of a hold counted already) | {'FULL', allowed} | {'ENDED'}
local key = KEYS[1]
if ARGV[1] == 'END' then
  redis.call('ZREM', key, ARGV[2])
  return {'ENDED'}
end
local now = clockNow(ARGV[3])
if redis.call('ZSCORE', key, ARGV[2]) then
  return {'TAKEN'}
end
if not openHoldsLeft(key, now, tonumber(ARGV[4])) then
  return {'FULL', ARGV[4]}
end
openHoldTaken(key, ARGV[2], tonumber(ARGV[5]), now)
return {'TAKEN'}
