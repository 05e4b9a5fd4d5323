-- Takes one request from each quota in KEYS, all or none (RedisQuotas). Per key three arguments:
--   'rate', interval ms, burst: GCRA. The key holds the theoretical arrival time (TAT) of the next
--     request; a request may come up to burst intervals before it. One request moves it on by one
--     interval, so 'burst' requests pass at once after a quiet spell, then one per interval.
--   'attempts', cap, window ms: a fixed window opened by its first attempt. The key is a hash of the
--     window's start, the attempts in it and how many windows reached the cap ('full'), remembered
--     for three windows after the last attempt.
-- Answers {1} when every quota had room (and counts the request against each), or
-- {0, index of the quota refused, ms until it has room, windows that reached the cap}.
local now = clockNow('')
local plan = {}
for i, key in ipairs(KEYS) do
  local kind = ARGV[3 * i - 2]
  local a = tonumber(ARGV[3 * i - 1])
  local b = tonumber(ARGV[3 * i])
  if kind == 'rate' then
    local tat = math.max(tonumber(redis.call('GET', key) or now), now)
    local allowedFrom = tat + a - b * a
    if allowedFrom > now then
      return { 0, i, allowedFrom - now, 0 }
    end
    plan[i] = tat + a
  else
    local window = redis.call('HMGET', key, 'start', 'n', 'full')
    local start = tonumber(window[1])
    local n = tonumber(window[2]) or 0
    local full = tonumber(window[3]) or 0
    if start == nil or now >= start + b then
      start = now
      n = 0
    end
    if n >= a then
      return { 0, i, start + b - now, full }
    end
    if n + 1 == a then
      full = full + 1
    end
    plan[i] = { start, n + 1, full }
  end
end
for i, key in ipairs(KEYS) do
  if ARGV[3 * i - 2] == 'rate' then
    redis.call('SET', key, plan[i], 'PX', plan[i] - now)
  else
    redis.call('HSET', key, 'start', plan[i][1], 'n', plan[i][2], 'full', plan[i][3])
    redis.call('PEXPIRE', key, 3 * tonumber(ARGV[3 * i]))
  end
end
return { 1 }
