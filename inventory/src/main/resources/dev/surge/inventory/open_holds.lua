-- Prepended to the scripts that keep a buyer's open holds (InventoryScripts): a sorted set per buyer of
-- the reservation ids they hold, each scored by its expiry, so a hold that expires stops counting by
-- itself, whichever script or sweeper notices it; a hold committed or given back is taken off at once.

-- Whether the buyer may take one more hold, after forgetting the expired ones.
local function openHoldsLeft(key, now, allowed)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  return redis.call('ZCARD', key) < allowed
end

-- Counts a hold until it ends; the set lives as long as its latest hold.
local function openHoldTaken(key, id, expiresAt, now)
  redis.call('ZADD', key, expiresAt, id)
  if redis.call('PTTL', key) < expiresAt - now then
    redis.call('PEXPIRE', key, math.max(expiresAt - now, 1))
  end
end
