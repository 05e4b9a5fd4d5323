-- Holds stock for one reservation on SKUs that share a cluster slot: every line or none.
-- KEYS[1]   reservation record (hash: state, expiresAt, lines, buyer)
-- KEYS[2]   expiry index of this slot group (zset: reservation id scored by expiresAt)
-- KEYS[3..] stock hash per line (onHand, reserved, sold, perBuyer, perBuyerWindow, queueRate), in
--           line order; then each line's buyers hash (buyer -> that buyer's holds of the SKU,
--           'id:units:at,...'); then each line's waiting room (zset: queue token -> admitted at); on a
--           single Redis (not a cluster) followed by the reservation's directory entry and the
--           expiry-tag registry, then, when ARGV[13] bounds them, the buyer's open holds
--           (open_holds.lua)
-- ARGV[1]   reservation id
-- ARGV[2]   now, epoch millis, or '' for Redis's clock (clock.lua)
-- ARGV[3]   time to live, millis: the hold ends at now + ttl ...
-- ARGV[4]   ... unless this is given (epoch millis; a cluster's groups share the directory's), or ''
-- ARGV[5]   retention after expiry, millis (how long a retry is recognised; the record outlives
--           its hold, so the sweeper always finds what to give back)
-- ARGV[6]   the lines, encoded; a retry must send the same
-- ARGV[7]   the reservation's groups for the directory entry written with the hold, or '' when
--           the caller keeps the directory (cluster)
-- ARGV[8]   this group's tag, registered for the sweeper along with the directory entry
-- ARGV[9]   the buyer the SKUs' per-buyer limits count, or '' (no limit applies)
-- ARGV[10]  the shopper's queue token, or '' (none yet); a buyer's own token is derived instead
-- ARGV[11]  a fresh random part, for the token given out when a shopper without a buyer has none and
--           a line's SKU is queued (and the room's secret, if it has none yet)
-- ARGV[12]  how long an admission stays valid, ms (then the shopper queues again)
-- ARGV[13]  how many holds the buyer may have at once, or '' (no bound here: none, or a cluster's
--           caller keeps the open holds itself)
-- ARGV[14..] quantity per line, in line order, then the units sold per line the caller has seen this store
--           answer (its tally never goes down: lower means the store went back in time, a restored snapshot)
-- Answers {'HELD', expiresAt, sold...} | {'EXISTS', state, expiresAt} | {'MISMATCH'}
--       | {'UNKNOWN', lineIndex...} | {'SHORT', lineIndex, available, ...}
--       | {'STALE', lineIndex...} (nothing held: those lines' counters lost sales the caller saw)
--       | {'CAPPED', lineIndex, allowed, ...} (nothing held: the buyer would pass those SKUs' limits)
--       | {'OPEN', allowed} (nothing held: the buyer has as many holds at once as they may)
--       | {'QUEUED', token, admittedAt, position} (nothing held: a queued SKU has not admitted the shopper
--         yet; checked after stock, so a sold-out SKU answers SHORT at once, never a place in its queue)
-- Buyers of a limited SKU whose holds have all left the window are forgotten a few at a time, each
-- hold of the SKU looking at the next few (the scan's cursor is kept with the stock), so the SKU's
-- buyers hash holds about the window's buyers, however many came before.
local function forgetStaleBuyers(stock, buyers, since, holder)
  local scan = redis.call('HSCAN', buyers, redis.call('HGET', stock, 'buyersCursor') or '0', 'COUNT', 20)
  local entries = scan[2]
  for j = 1, #entries, 2 do
    local stale = entries[j] ~= holder
    for entry in string.gmatch(entries[j + 1], '[^,]+') do
      if tonumber(string.match(entry, ':(%d+)$') or '0') > since then
        stale = false
      end
    end
    if stale then
      redis.call('HDEL', buyers, entries[j])
    end
  end
  redis.call('HSET', stock, 'buyersCursor', scan[1])
end

local record = KEYS[1]
local withDirectory = ARGV[7] ~= ''
local openAllowed = tonumber(ARGV[13] ~= '' and ARGV[13] or '0')
local openHolds = nil
local lines = #KEYS - 2
if withDirectory then
  lines = lines - 2
end
if openAllowed > 0 then
  openHolds = KEYS[#KEYS]
  lines = lines - 1
end
lines = lines / 3
local directory = KEYS[3 + 3 * lines]
local registry = KEYS[4 + 3 * lines]
-- On a single Redis the directory entry says which lines this id was first used for, even
-- when this call's lines would put the record under another tag: another basket is refused.
if withDirectory then
  local existing = redis.call('GET', directory)
  if existing and string.match(existing, ';(.*)$') ~= ARGV[7] then
    return {'MISMATCH'}
  end
end
local state = redis.call('HGET', record, 'state')
if state then
  if redis.call('HGET', record, 'lines') ~= ARGV[6] then
    return {'MISMATCH'}
  end
  return {'EXISTS', state, redis.call('HGET', record, 'expiresAt')}
end

local buyer = ARGV[9]
local now = clockNow(ARGV[2])
local unknown = {}
local short = {}
local stale = {}
local capped = {}
local sold = {}
-- Per capped line: the buyer's holds of the SKU still in the limit's window, and its window.
local buyerHolds = {}
local windows = {}
local queueRates = {}
local position = 0
for i = 1, lines do
  local stock = redis.call('HMGET', KEYS[i + 2], 'onHand', 'reserved', 'sold', 'perBuyer', 'perBuyerWindow',
    'queueRate')
  local quantity = tonumber(ARGV[i + 13])
  queueRates[i] = stock[6]
  sold[i] = stock[3] or '0'
  if not stock[1] then
    unknown[#unknown + 1] = tostring(i)
  elseif tonumber(sold[i]) < tonumber(ARGV[i + 13 + lines] or '0') then
    stale[#stale + 1] = tostring(i)
  else
    if buyer ~= '' and stock[4] then
      -- What this buyer holds or bought of the SKU since the window began: holds given back
      -- were taken off when they ended (settle.lua).
      local since = now - tonumber(stock[5])
      local kept = {}
      local taken = 0
      for entry in string.gmatch(redis.call('HGET', KEYS[i + 2 + lines], buyer) or '', '[^,]+') do
        local id, units, at = string.match(entry, '^([^:]+):(%d+):(%d+)$')
        if id and tonumber(at) > since then
          kept[#kept + 1] = entry
          taken = taken + tonumber(units)
        end
      end
      local allowed = tonumber(stock[4]) - taken
      if quantity > allowed then
        capped[#capped + 1] = tostring(i)
        capped[#capped + 1] = tostring(math.max(allowed, 0))
      end
      buyerHolds[i] = kept
      windows[i] = tonumber(stock[5])
    end
    local available = tonumber(stock[1]) - tonumber(stock[2] or '0')
    if available < quantity then
      short[#short + 1] = tostring(i)
      short[#short + 1] = tostring(math.max(available, 0))
    end
  end
end
if #unknown > 0 then
  return {'UNKNOWN', unpack(unknown)}
end
if #stale > 0 then
  return {'STALE', unpack(stale)}
end
if #short > 0 then
  return {'SHORT', unpack(short)}
end
-- A buyer past a limit learns it now, not after waiting in a queue for nothing.
if #capped > 0 then
  return {'CAPPED', unpack(capped)}
end
-- So is a buyer with as many open orders as they may have.
if openHolds and not openHoldsLeft(openHolds, now, openAllowed) then
  return {'OPEN', tostring(openAllowed)}
end
-- The waiting rooms: first come, first served, one admission per 1/rate seconds (a sorted set of
-- places scored by their admission; the latest admission given is kept with the stock). A buyer's
-- place is theirs: its token is derived from the buyer and a secret of the room ('<hex>.<SKU>'), so
-- a token shared with someone else is worth nothing to them and a buyer coming back, with or without
-- it and whatever else the cart holds, finds their own place in each room, never a second. Without
-- a buyer (a direct call) the token sent, or a fresh one, is the place in every room. On a single
-- Redis an admission buys one hold: the hold spends it, below (on a cluster a basket's rooms may be
-- held by separate calls, one of which may still be refused: its admissions stay until they lapse).
-- Admissions unused past their validity are forgotten as the room is used.
local latest = 0
local shown = ARGV[10]
local validity = tonumber(ARGV[12])
local queued = {}
for i = 1, lines do
  if queueRates[i] then
    local stock = KEYS[i + 2]
    local room = KEYS[i + 2 + 2 * lines]
    local sku = string.match(stock, '{([^}]*)}$')
    local token
    if buyer ~= '' then
      local salt = redis.call('HGET', stock, 'queueSalt')
      if not salt then
        -- The first queued reservation's random part: never shown, as unguessable as its id.
        salt = ARGV[11]
        redis.call('HSET', stock, 'queueSalt', salt)
      end
      token = string.sub(redis.sha1hex(salt .. ':' .. buyer), 1, 32) .. '.' .. sku
    else
      if shown == '' then
        shown = ARGV[11] .. '.' .. sku
      end
      token = shown
    end
    redis.call('ZREMRANGEBYSCORE', room, '-inf', '(' .. string.format('%d', now - validity))
    local admittedAt = tonumber(redis.call('ZSCORE', room, token) or '')
    if not admittedAt then
      local last = tonumber(redis.call('HGET', stock, 'queueLast') or '0')
      admittedAt = math.max(now, last + math.ceil(1000 / tonumber(queueRates[i])))
      local at = string.format('%d', admittedAt)
      redis.call('ZADD', room, at, token)
      redis.call('HSET', stock, 'queueLast', at)
    end
    queued[#queued + 1] = {room, token, admittedAt}
    if admittedAt > now and admittedAt > latest then
      latest = admittedAt
      shown = token
      position = math.ceil((admittedAt - now) * tonumber(queueRates[i]) / 1000)
    end
  end
end
-- A room lives as long as its latest place can be used.
local function keepRoom(room, lastUse)
  if redis.call('PTTL', room) < lastUse - now + 2 * validity then
    redis.call('PEXPIRE', room, lastUse - now + 2 * validity)
  end
end
if latest > 0 then
  -- A basket waits for its last room: places admitted sooner move to that instant, so they are
  -- still valid when it comes however far apart the rooms admit (no room admits anyone more).
  for _, place in ipairs(queued) do
    if place[3] < latest then
      redis.call('ZADD', place[1], 'XX', string.format('%d', latest), place[2])
    end
    keepRoom(place[1], latest)
  end
  return {'QUEUED', shown, string.format('%d', latest), tostring(position)}
end
for _, place in ipairs(queued) do
  keepRoom(place[1], place[3])
end

local expiresAt = now + tonumber(ARGV[3])
if ARGV[4] ~= '' then
  expiresAt = tonumber(ARGV[4])
end
local expiry = string.format('%d', expiresAt)
local keep = keepFor(expiresAt, now, tonumber(ARGV[5]))
for i = 1, lines do
  redis.call('HINCRBY', KEYS[i + 2], 'reserved', ARGV[i + 13])
  if buyerHolds[i] then
    local holds = buyerHolds[i]
    holds[#holds + 1] = ARGV[1] .. ':' .. ARGV[i + 13] .. ':' .. string.format('%d', now)
    redis.call('HSET', KEYS[i + 2 + lines], buyer, table.concat(holds, ','))
    redis.call('PEXPIRE', KEYS[i + 2 + lines], windows[i])
    forgetStaleBuyers(KEYS[i + 2], KEYS[i + 2 + lines], now - windows[i], buyer)
  end
end
-- The admission is spent: another hold needs another place (single Redis: the whole basket is this
-- call, so nothing later can refuse it).
if withDirectory then
  for _, place in ipairs(queued) do
    redis.call('ZREM', place[1], place[2])
  end
end
redis.call('HSET', record, 'state', 'HELD', 'expiresAt', expiry, 'lines', ARGV[6])
if buyer ~= '' then
  redis.call('HSET', record, 'buyer', buyer)
end
redis.call('PEXPIRE', record, keep)
redis.call('ZADD', KEYS[2], expiry, ARGV[1])
if openHolds then
  openHoldTaken(openHolds, ARGV[1], expiresAt, now)
end
if withDirectory then
  redis.call('SET', directory, expiry .. ';' .. ARGV[7], 'PX', keep)
  redis.call('SADD', registry, ARGV[8])
end
return {'HELD', expiry, unpack(sold)}
