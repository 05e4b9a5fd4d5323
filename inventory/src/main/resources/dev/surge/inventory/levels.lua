-- Reads the stock of several SKUs in one round trip (a single Redis only: the keys span slots).
-- KEYS[i] the stock hash of one SKU. Answers onHand and reserved for each key in turn, '' for a SKU that has
-- no stock in Redis.
local levels = {}
for _, key in ipairs(KEYS) do
  local values = redis.call('HMGET', key, 'onHand', 'reserved')
  levels[#levels + 1] = values[1] or ''
  levels[#levels + 1] = values[2] or '0'
end
return levels
