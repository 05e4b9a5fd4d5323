-- Prepended to every script that reads the time (InventoryScripts): a hold's deadlines are set and
-- checked against Redis's own clock, so pods whose clocks disagree with each other or with Redis
-- still agree on every expiry. A caller may pass its own instant instead ('' means Redis's): tests
-- do, to make time pass without waiting, and a cluster commit passes on its first group's instant.
local function clockNow(given)
  if given ~= nil and given ~= '' then
    return tonumber(given)
  end
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- How long a key must live to outlast a hold ending at expiresAt by the retention: relative, so
-- Redis forgets the key after that time by its own clock whatever instant the caller gave.
local function keepFor(expiresAt, now, retention)
  return math.max(expiresAt - now, 0) + retention
end

