-- Sets or moves the units on hand of one SKU, creating its stock if new.
-- KEYS[1] stock hash: onHand, reserved, sold (units this store committed, ever), recounts (the
--         stock of record's count last applied here)
-- ARGV[1] SET | ADD | LOAD (set only if Redis has no stock for the SKU: first start, lost data;
--         stock already there, with its limit and room, is kept: a variant added again loads with no
--         limit, which must not wipe the one in force)
--         | LIMIT (the SKU's per-buyer limit: ARGV[2] units, or 0 to remove it; ARGV[3] window, ms)
--         | QUEUE (the SKU's waiting room: ARGV[2] admissions per second, or 0 to open it up)
--         | RECOUNT (a count taken in the stock of record) | REPAIR (the record's stock, brought to
--         counters found behind or adrift: as RECOUNT, and applied again for the same count)
-- ARGV[2] the new on-hand (SET, LOAD, RECOUNT) or the change (ADD, may be negative)
-- ARGV[3] LOAD, RECOUNT, REPAIR: units the stock of record has recorded sold
-- ARGV[4] LOAD, RECOUNT, REPAIR: counts the stock of record has taken
-- ARGV[5] LOAD: the per-buyer limit, or '' for none; ARGV[6] its window, ms; ARGV[7] the waiting
--         room's admissions per second, or '' for none
-- Answers {'OK', onHand, reserved} | {'NEGATIVE', onHand, reserved} (nothing changed)
--       | {'KEPT', onHand, reserved} (LOAD found stock already there, RECOUNT found this count or a
--         later one applied, REPAIR a later one: left as it was)
local current = redis.call('HMGET', KEYS[1], 'onHand', 'reserved', 'sold', 'recounts')
local mode = ARGV[1]
if mode == 'QUEUE' then
  if ARGV[2] == '0' then
    -- Closed: its places, and the secret they are named by, go with it (reserve.lua).
    redis.call('HDEL', KEYS[1], 'queueRate', 'queueSalt', 'queueLast')
  else
    redis.call('HSET', KEYS[1], 'queueRate', ARGV[2])
  end
  return {'OK', current[1] or '0', current[2] or '0'}
end
if mode == 'LIMIT' then
  if ARGV[2] == '0' then
    redis.call('HDEL', KEYS[1], 'perBuyer', 'perBuyerWindow')
  else
    redis.call('HSET', KEYS[1], 'perBuyer', ARGV[2], 'perBuyerWindow', ARGV[3])
  end
  return {'OK', current[1] or '0', current[2] or '0'}
end
if mode == 'LOAD' and current[1] then
  return {'KEPT', current[1], current[2] or '0'}
end
local onHand = tonumber(current[1] or '0')
local reserved = tonumber(current[2] or '0')
if mode == 'LOAD' then
  redis.call('HSET', KEYS[1], 'onHand', ARGV[2], 'reserved', 0, 'sold', ARGV[3], 'recounts', ARGV[4])
  -- A limit or room set while this start-up read the record is newer than what it read: kept.
  if (ARGV[5] or '') ~= '' and redis.call('HSETNX', KEYS[1], 'perBuyer', ARGV[5]) == 1 then
    redis.call('HSET', KEYS[1], 'perBuyerWindow', ARGV[6])
  end
  if (ARGV[7] or '') ~= '' then
    redis.call('HSETNX', KEYS[1], 'queueRate', ARGV[7])
  end
  return {'OK', ARGV[2], '0'}
end
if mode == 'RECOUNT' or mode == 'REPAIR' then
  local applied = tonumber(current[4] or '0')
  local given = tonumber(ARGV[4])
  if current[1] and (applied > given or (mode == 'RECOUNT' and applied == given)) then
    return {'KEPT', current[1], current[2] or '0'}
  end
  -- Units committed here that the record had not counted as sold when the count was taken: they
  -- are on their way to the record, where they will come off the count; they come off here now.
  -- A store behind the record (its tally lower) takes the record's tally.
  local recordSold = tonumber(ARGV[3])
  local sold = math.max(tonumber(current[3] or ARGV[3]), recordSold)
  local target = tonumber(ARGV[2]) - (sold - recordSold)
  redis.call('HSET', KEYS[1], 'onHand', target, 'reserved', reserved, 'sold', sold, 'recounts', ARGV[4])
  return {'OK', tostring(target), tostring(reserved)}
end
local target
if mode == 'SET' then
  target = tonumber(ARGV[2])
else
  target = onHand + tonumber(ARGV[2])
end
if target < 0 then
  return {'NEGATIVE', tostring(onHand), tostring(reserved)}
end
redis.call('HSET', KEYS[1], 'onHand', target, 'reserved', reserved)
return {'OK', tostring(target), tostring(reserved)}
