import type { Redis } from 'ioredis';
import type { BucketDecision, BucketPolicy } from './token-bucket.js';

/**
 * takeFromBucket (token-bucket.ts) as one atomic script, for one or more requests of
 * one identity in turn (ARGV[5..] their costs): concurrent requests, on any number of
 * routers, never both spend the same points. The clock is Redis's, so routers with
 * skewed clocks agree. Returns four numbers per request, then the points leased to
 * the caller and what the bucket holds after them.
 *
 * ARGV[3] points given back first (the unspent part of an earlier lease), never above
 * capacity; ARGV[4] points to lease after the requests, as far as the bucket holds
 * them and only when every request of the call fitted.
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
tokens = math.min(capacity, tokens + tonumber(ARGV[3]))
local out = {}
local reset = 0
local refused = false
for i = 5, #ARGV do
  local cost = tonumber(ARGV[i])
  local allowed = 0
  local retry = 0
  if tokens >= cost then
    tokens = tokens - cost
    allowed = 1
  else
    retry = math.ceil((cost - tokens) / rate)
    refused = true
  end
  reset = math.ceil((capacity - tokens) / rate)
  out[#out + 1] = allowed
  out[#out + 1] = math.floor(tokens)
  out[#out + 1] = retry
  out[#out + 1] = reset
end
local leased = 0
if not refused then
  leased = math.max(0, math.min(tonumber(ARGV[4]), math.floor(tokens)))
  tokens = tokens - leased
  reset = math.ceil((capacity - tokens) / rate)
end
out[#out + 1] = leased
out[#out + 1] = math.floor(tokens)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], reset + 1000)
return out
`;

type WithTake = Redis & {
  storegraphTakeTokens(
    key: string,
    capacity: number,
    refillPerSecond: number,
    refund: number,
    lease: number,
    ...costs: number[]
  ): Promise<number[]>;
};

/** Requests of one identity decided by one call at most. */
const MAX_BATCH = 256;

/** How long a lease lasts, and the window in which an identity's demand is counted. */
const LEASE_MS = 100;
/** Requests of one identity in one window that make it hot: leased to from then on. */
const HOT_REQUESTS = 10;
/** The largest share of a bucket's capacity one router holds as a lease. */
const LEASE_SHARE = 0.1;

interface Waiting {
  policy: BucketPolicy;
  cost: number;
  resolve(decision: BucketDecision): void;
  reject(error: unknown): void;
}

/** Points taken from an identity's bucket ahead of its requests, spent here. */
interface Lease {
  policy: BucketPolicy;
  points: number;
  /** What the bucket held once the lease was taken. */
  bucket: number;
  until: number;
}

/** One identity's demand on this router, and its lease. */
interface Usage {
  windowStart: number;
  /** Requests in the current window. */
  requests: number;
  /** Points asked in the current window, and in the one before it. */
  points: number;
  previousRequests: number;
  previousPoints: number;
  lease?: Lease;
}

/**
 * Token buckets in Redis. While one call for an identity is in flight, that identity's
 * next requests wait for it and then go together, in arrival order, in one call of the
 * script: each gets the decision it would have got alone at that instant, and a burst
 * from one caller (a page's parallel queries, a partner's workers, a shop behind one
 * address) costs one round trip per wave instead of one per request.
 *
 * An identity that sent this router at least HOT_REQUESTS requests in the last
 * LEASE_MS (a hundred a second or more) is also leased points: the call takes, after
 * its requests, as many more points as the identity asked here in that window (at
 * most a tenth of the bucket, only while every request fitted), and the identity's
 * next requests spend them here without a round trip until they run out or
 * LEASE_MS has passed. Nothing is spent twice: leased points have left the bucket in
 * Redis, and what a lease did not spend goes back into it with the identity's next
 * call. Refusals are always decided by Redis. What a lease changes is seen only at
 * the edge of a budget shared by several routers: points one router holds for up to
 * LEASE_MS are not available to the others meanwhile.
 */
export class RedisBuckets {
  private readonly redis: WithTake;
  /** Identities with a call in flight, and the requests waiting for it to end. */
  private readonly waiting = new Map<string, Waiting[]>();
  /** Demand and leases by identity, oldest first (bounded by maxKeys; a new lease makes its identity newest). */
  private readonly usage = new Map<string, Usage>();

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly options: { now?: () => number; maxKeys?: number } = {},
  ) {
    // defineCommand runs EVALSHA and loads the script again after a Redis restart.
    redis.defineCommand('storegraphTakeTokens', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as WithTake;
  }

  take(key: string, policy: BucketPolicy, cost: number): Promise<BucketDecision> {
    const usage = this.demand(key, cost);
    const queue = this.waiting.get(key);
    if (!queue) {
      const leased = fromLease(usage, policy, cost, this.now());
      if (leased) return Promise.resolve(leased);
    }
    return new Promise((resolve, reject) => {
      const request = { policy, cost, resolve, reject };
      if (queue) {
        queue.push(request);
        return;
      }
      this.waiting.set(key, []);
      void this.send(key, [request]);
    });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Counts a request in its identity's window, rolling the window when it has passed. */
  private demand(key: string, cost: number): Usage {
    const now = this.now();
    let usage = this.usage.get(key);
    if (!usage) {
      usage = { windowStart: now, requests: 0, points: 0, previousRequests: 0, previousPoints: 0 };
      this.usage.set(key, usage);
      if (this.usage.size > (this.options.maxKeys ?? 100_000)) {
        this.usage.delete(this.usage.keys().next().value as string);
      }
    } else if (now - usage.windowStart >= LEASE_MS) {
      const adjacent = now - usage.windowStart < 2 * LEASE_MS;
      usage.previousRequests = adjacent ? usage.requests : 0;
      usage.previousPoints = adjacent ? usage.points : 0;
      usage.windowStart = now;
      usage.requests = 0;
      usage.points = 0;
    }
    usage.requests += 1;
    usage.points += cost;
    return usage;
  }

  /** One call for `batch` (one policy); then the next wave of this identity, if any. */
  private async send(key: string, batch: Waiting[]): Promise<void> {
    const { policy } = batch[0] as Waiting;
    const usage = this.usage.get(key);
    // What the last lease did not spend goes back with this call.
    const refund = usage?.lease?.points ?? 0;
    if (usage) usage.lease = undefined;
    const wanted =
      usage && usage.previousRequests >= HOT_REQUESTS
        ? Math.min(usage.previousPoints, Math.floor(policy.capacity * LEASE_SHARE))
        : 0;
    try {
      const answer = await this.redis.storegraphTakeTokens(
        `${this.prefix}${key}`,
        policy.capacity,
        policy.refillPerSecond,
        refund,
        wanted,
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
      const points = Number(answer[batch.length * 4]);
      if (usage && points > 0) {
        usage.lease = { policy, points, bucket: Number(answer[batch.length * 4 + 1]), until: this.now() + LEASE_MS };
        // Newest again, so that the bound forgets identities without leases first.
        if (this.usage.get(key) === usage) {
          this.usage.delete(key);
          this.usage.set(key, usage);
        }
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
    let queue = this.waiting.get(key) ?? [];
    // Waiting requests the new lease covers are decided here, in order, up to the first it cannot.
    if (usage?.lease) {
      const now = this.now();
      let served = 0;
      for (const w of queue) {
        const leased = fromLease(usage, w.policy, w.cost, now);
        if (!leased) break;
        w.resolve(leased);
        served += 1;
      }
      if (served > 0) queue = queue.slice(served);
    }
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

/** A request decided from its identity's lease, or undefined when the lease cannot cover it. */
function fromLease(usage: Usage, policy: BucketPolicy, cost: number, now: number): BucketDecision | undefined {
  const lease = usage.lease;
  if (!lease || lease.points < cost || lease.until <= now || !samePolicy(lease.policy, policy)) return undefined;
  lease.points -= cost;
  // The identity's own view: what the bucket held plus what its lease still holds here.
  const remaining = lease.bucket + lease.points;
  return {
    allowed: true,
    remaining: Math.floor(remaining),
    retryAfterMs: 0,
    resetMs: Math.ceil((policy.capacity - remaining) / (policy.refillPerSecond / 1000)),
  };
}

const samePolicy = (a: BucketPolicy, b: BucketPolicy) =>
  a.capacity === b.capacity && a.refillPerSecond === b.refillPerSecond;
