-- Where a queue token stands in a SKU's waiting room.
-- KEYS[1] the SKU's stock hash; KEYS[2] its waiting room (zset: token -> admitted at)
-- ARGV[1] the token
-- ARGV[2] now, epoch millis, or '' for Redis's clock (clock.lua)
-- Answers {admittedAt or '', now, available, queueRate or ''}
local now = clockNow(ARGV[2])
local stock = redis.call('HMGET', KEYS[1], 'onHand', 'reserved', 'queueRate')
local available = tonumber(stock[1] or '0') - tonumber(stock[2] or '0')
return {redis.call('ZSCORE', KEYS[2], ARGV[1]) or '', string.format('%d', now), tostring(available), stock[3] or ''}
