import type { Redis } from 'ioredis';
import type { BucketDecision, BucketPolicy } from './token-bucket.js';

/**
 * takeFromBucket (token-bucket.ts) as one atomic script, for one or more requests of
 * one identity in turn (ARGV[3..] their costs): concurrent requests, on any number of
 * routers, never both spend the same points. The clock is Redis's, so routers with
 * skewed clocks agree. Returns four numbers per request.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2]) / 1000
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
if tokens == nil then
  tokens = capacity
else
  tokens = math.min(capacity, tokens + math.max(0, now - tonumber(state[2])) * rate)
end
local out = {}
local reset = 0
for i = 3, #ARGV do
  local cost = tonumber(ARGV[i])
  local allowed = 0
  local retry = 0
  if tokens >= cost then
    tokens = tokens - cost
    allowed = 1
  else
    retry = math.ceil((cost - tokens) / rate)
  end
  reset = math.ceil((capacity - tokens) / rate)
  out[#out + 1] = allowed
  out[#out + 1] = math.floor(tokens)
  out[#out + 1] = retry
  out[#out + 1] = reset
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], reset + 1000)
return out
`;

type WithTake = Redis & {
  storegraphTakeTokens(key: string, capacity: number, refillPerSecond: number, ...costs: number[]): Promise<number[]>;
};

/** Requests of one identity decided by one call at most. */
const MAX_BATCH = 256;

interface Waiting {
  policy: BucketPolicy;
  cost: number;
  resolve(decision: BucketDecision): void;
  reject(error: unknown): void;
}

/**
 * Token buckets in Redis. While one call for an identity is in flight, that identity's
 * next requests wait for it and then go together, in arrival order, in one call of the
 * script: each gets the decision it would have got alone at that instant, and a burst
 * from one caller (a page's parallel queries, a partner's workers, a shop behind one
 * address) costs one round trip per wave instead of one per request.
 */
export class RedisBuckets {
  private readonly redis: WithTake;
  /** Identities with a call in flight, and the requests waiting for it to end. */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    // defineCommand runs EVALSHA and loads the script again after a Redis restart.
    redis.defineCommand('storegraphTakeTokens', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as WithTake;
  }

  take(key: string, policy: BucketPolicy, cost: number): Promise<BucketDecision> {
    return new Promise((resolve, reject) => {
      const request = { policy, cost, resolve, reject };
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push(request);
        return;
      }
      this.waiting.set(key, []);
      void this.send(key, [request]);
    });
  }

  /** One call for `batch` (one policy); then the next wave of this identity, if any. */
  private async send(key: string, batch: Waiting[]): Promise<void> {
    const { policy } = batch[0] as Waiting;
    try {
      const answer = await this.redis.storegraphTakeTokens(
        `${this.prefix}${key}`,
        policy.capacity,
        policy.refillPerSecond,
        ...batch.map((w) => w.cost),
      );
      batch.forEach((w, i) => {
        w.resolve({
          allowed: Number(answer[i * 4]) === 1,
          remaining: Number(answer[i * 4 + 1]),
          retryAfterMs: Number(answer[i * 4 + 2]),
          resetMs: Number(answer[i * 4 + 3]),
        });
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
    const queue = this.waiting.get(key) ?? [];
    if (queue.length === 0) {
      this.waiting.delete(key);
      return;
    }
    // One policy per call (another waits for the next wave), at most MAX_BATCH requests.
    const first = (queue[0] as Waiting).policy;
    const next: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const w of queue) (next.length < MAX_BATCH && samePolicy(w.policy, first) ? next : rest).push(w);
    this.waiting.set(key, rest);
    void this.send(key, next);
  }
}

const samePolicy = (a: BucketPolicy, b: BucketPolicy) =>
  a.capacity === b.capacity && a.refillPerSecond === b.refillPerSecond;
