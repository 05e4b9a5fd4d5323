-- Reads a cart and keeps it alive, in one round trip: its fields (flat, as HGETALL answers them) with its time
-- to live renewed; nothing when there is no such cart.
-- KEYS[1] the cart hash; ARGV[1] time to live (ms).
local fields = redis.call('HGETALL', KEYS[1])
if #fields > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return fields
