-- Writes a reservation's directory entry on a cluster, before its groups are held, unless the id
-- has one: the entry fixes the hold's expiry for every group and tells a retry from another basket.
-- KEYS[1]   the directory entry ('expiresAt;groups')
-- ARGV[1]   now, epoch millis, or '' for Redis's clock (clock.lua)
-- ARGV[2]   time to live of the hold, millis
-- ARGV[3]   retention after expiry, millis
-- ARGV[4]   the reservation's groups
-- Answers {entry, 'NEW'} when this call wrote it, {entry, 'KEPT'} when an earlier attempt had.
local existing = redis.call('GET', KEYS[1])
if existing then
  return {existing, 'KEPT'}
end
local now = clockNow(ARGV[1])
local expiresAt = now + tonumber(ARGV[2])
local entry = string.format('%d', expiresAt) .. ';' .. ARGV[4]
redis.call('SET', KEYS[1], entry, 'PX', keepFor(expiresAt, now, tonumber(ARGV[3])))
return {entry, 'NEW'}
