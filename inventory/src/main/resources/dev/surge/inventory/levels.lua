-- Reads fields of the stock of several SKUs in one round trip (a single Redis only: the keys span slots).
-- KEYS[i] the stock hash of one SKU; ARGV the fields to read, the first of which every stocked SKU has
-- (onHand). Answers the fields for each key in turn, '' for a field the hash lacks (for the first field:
-- a SKU that has no stock in Redis).
local values = {}
for _, key in ipairs(KEYS) do
  local fields = redis.call('HMGET', key, unpack(ARGV))
  for i = 1, #ARGV do
    values[#values + 1] = fields[i] or ''
  end
end
return values
