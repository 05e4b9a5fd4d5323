-- Creates a cart unless one exists under the key.
-- KEYS[1] the cart hash; ARGV[1] time to live (ms); ARGV[2..] field, value, ...
-- Answers {'created'} or {'exists'}.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'exists'}
end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {'created'}
