-- The reservations of one slot group whose hold is due, by Redis's clock (clock.lua).
-- KEYS[1]   expiry index of the slot group (zset: reservation id scored by expiresAt)
-- ARGV[1]   now, epoch millis, or '' for Redis's clock
-- ARGV[2]   at most this many
-- Answers {now, id...}: the instant they were due at, which the sweeper expires them by.
local now = clockNow(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
table.insert(due, 1, string.format('%d', now))
return due
