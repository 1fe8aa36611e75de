/** A bucket of cost points: full at `capacity`, refilled continuously at `refillPerSecond`. */
export interface BucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

export interface BucketDecision {
  allowed: boolean;
  /** Whole points left after this request. */
  remaining: number;
  /** When refused: milliseconds until the request's cost is available. */
  retryAfterMs: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
}

export interface BucketState {
  tokens: number;
  at: number;
}

/**
 * One token-bucket step, shared by the in-process fallback and mirrored line by line
 * by the Redis script (redis-buckets.ts), so both decide alike.
 */
export function takeFromBucket(
  state: BucketState | undefined,
  policy: BucketPolicy,
  cost: number,
  now: number,
): { state: BucketState; decision: BucketDecision } {
  const rate = policy.refillPerSecond / 1000;
  let tokens = state ? Math.min(policy.capacity, state.tokens + Math.max(0, now - state.at) * rate) : policy.capacity;
  let allowed = false;
  let retryAfterMs = 0;
  if (tokens >= cost) {
    tokens -= cost;
    allowed = true;
  } else {
    retryAfterMs = Math.ceil((cost - tokens) / rate);
  }
  return {
    state: { tokens, at: now },
    decision: {
      allowed,
      remaining: Math.floor(tokens),
      retryAfterMs,
      resetMs: Math.ceil((policy.capacity - tokens) / rate),
    },
  };
}
