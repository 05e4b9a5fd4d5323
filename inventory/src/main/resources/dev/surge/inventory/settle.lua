-- Ends a held reservation on SKUs that share a cluster slot: commit, release, expire or abort.
-- KEYS[1]   reservation record (hash: state, expiresAt, lines, buyer)
-- KEYS[2]   expiry index of this slot group
-- KEYS[3..] stock hash per line, in the record's line order, then each line's buyers hash (a
--           hold that ends without a sale stops counting against its buyer's per-buyer limits), then
--           each line's waiting room (not touched here; sent as the reserve script's keys are), then,
--           when ARGV[4] says so, the buyer's open holds (open_holds.lua), which the hold leaves
-- ARGV[1]   reservation id
-- ARGV[2]   COMMIT | RELEASE | EXPIRE | ABORT
-- ARGV[3]   now, epoch millis, or '' for Redis's clock (clock.lua)
-- ARGV[4]   'OPEN' when the last key is the buyer's open holds, else ''
-- ARGV[5..] quantity per line, in the record's line order
-- Answers {state, changed, now, sold...}: the state the hold is in after this call; 'CHANGED' when
-- this call ended it, '' when it had ended before (or, for EXPIRE, is not due yet: state 'HELD');
-- the instant it went by, for the next group of a cluster commit; for a commit that sold, each
-- line's tally of units sold after it. State 'UNKNOWN': no record.
--   COMMIT  before expiry: the units leave on-hand for good, counted sold -> COMMITTED
--   COMMIT  at or after expiry: the units go back instead            -> EXPIRED
--   COMMIT  with fewer units on hand than held (a recount since): nothing is sold,
--           the units go back, so no SKU is ever sold beyond its stock -> SHORT
--   RELEASE the units go back                                        -> RELEASED
--   EXPIRE  only once due; the sweeper's call                        -> EXPIRED
--   ABORT   the units go back and the record goes, as if never held  -> ABORTED
local record = KEYS[1]
local now = clockNow(ARGV[3])
local instant = string.format('%d', now)
local state = redis.call('HGET', record, 'state')
if not state then
  return {'UNKNOWN', '', instant}
end
local mode = ARGV[2]
local openHolds = nil
local keyCount = #KEYS
if ARGV[4] == 'OPEN' then
  openHolds = KEYS[#KEYS]
  keyCount = keyCount - 1
end
if state ~= 'HELD' then
  if mode == 'EXPIRE' then
    redis.call('ZREM', KEYS[2], ARGV[1])
  end
  if openHolds then
    redis.call('ZREM', openHolds, ARGV[1])
  end
  return {state, '', instant}
end

local lines = (keyCount - 2) / 3
local due = tonumber(redis.call('HGET', record, 'expiresAt')) <= now
local final
if mode == 'COMMIT' then
  final = due and 'EXPIRED' or 'COMMITTED'
  if final == 'COMMITTED' then
    for i = 3, lines + 2 do
      if tonumber(redis.call('HGET', KEYS[i], 'onHand')) < tonumber(ARGV[i + 2]) then
        final = 'SHORT'
      end
    end
  end
elseif mode == 'RELEASE' then
  final = 'RELEASED'
elseif mode == 'ABORT' then
  final = 'ABORTED'
elseif due then
  final = 'EXPIRED'
else
  return {'HELD', '', instant}
end

local sold = {}
for i = 3, lines + 2 do
  local quantity = tonumber(ARGV[i + 2])
  redis.call('HINCRBY', KEYS[i], 'reserved', -quantity)
  if final == 'COMMITTED' then
    redis.call('HINCRBY', KEYS[i], 'onHand', -quantity)
    sold[#sold + 1] = tostring(redis.call('HINCRBY', KEYS[i], 'sold', quantity))
  end
end
local buyer = redis.call('HGET', record, 'buyer')
if buyer and final ~= 'COMMITTED' then
  for i = lines + 3, 2 * lines + 2 do
    local holds = redis.call('HGET', KEYS[i], buyer)
    if holds then
      local kept = {}
      for entry in string.gmatch(holds, '[^,]+') do
        if string.match(entry, '^([^:]+):') ~= ARGV[1] then
          kept[#kept + 1] = entry
        end
      end
      if #kept > 0 then
        redis.call('HSET', KEYS[i], buyer, table.concat(kept, ','))
      else
        redis.call('HDEL', KEYS[i], buyer)
      end
    end
  end
end
redis.call('ZREM', KEYS[2], ARGV[1])
if openHolds then
  redis.call('ZREM', openHolds, ARGV[1])
end
if final == 'ABORTED' then
  redis.call('DEL', record)
else
  redis.call('HSET', record, 'state', final)
end
return {final, 'CHANGED', instant, unpack(sold)}
