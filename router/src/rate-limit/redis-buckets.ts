import type { Redis } from 'ioredis';
import type { BucketDecision, BucketPolicy } from './token-bucket.js';

/**
 * takeFromBucket (token-bucket.ts) as one atomic script: concurrent requests of one
 * identity, on any number of routers, never both spend the same points. The clock
 * is Redis's, so routers with skewed clocks agree.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2]) / 1000
local cost = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
if tokens == nil then
  tokens = capacity
else
  tokens = math.min(capacity, tokens + math.max(0, now - tonumber(state[2])) * rate)
end
local allowed = 0
local retry = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retry = math.ceil((cost - tokens) / rate)
end
local reset = math.ceil((capacity - tokens) / rate)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], reset + 1000)
return { allowed, math.floor(tokens), retry, reset }
`;

type WithTake = Redis & {
  storegraphTakeTokens(key: string, capacity: number, refillPerSecond: number, cost: number): Promise<number[]>;
};

export class RedisBuckets {
  private readonly redis: WithTake;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // defineCommand runs EVALSHA and loads the script again after a Redis restart.
    redis.defineCommand('storegraphTakeTokens', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as WithTake;
  }

  async take(key: string, policy: BucketPolicy, cost: number): Promise<BucketDecision> {
    const [allowed, remaining, retryAfterMs, resetMs] = await this.redis.storegraphTakeTokens(
      `${this.prefix}${key}`,
      policy.capacity,
      policy.refillPerSecond,
      cost,
    );
    return {
      allowed: allowed === 1,
      remaining: Number(remaining),
      retryAfterMs: Number(retryAfterMs),
      resetMs: Number(resetMs),
    };
  }
}
