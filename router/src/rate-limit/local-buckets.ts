import { type BucketDecision, type BucketPolicy, type BucketState, takeFromBucket } from './token-bucket.js';

/**
 * The in-process fallback while Redis is unreachable: the same buckets, kept per
 * router process (so N routers allow up to N times the budget during an outage).
 * Bounded: past `maxKeys` the least recently used identity is forgotten.
 */
export class LocalBuckets {
  private readonly states = new Map<string, BucketState>();

  constructor(
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string, policy: BucketPolicy, cost: number): BucketDecision {
    const previous = this.states.get(key);
    const { state, decision } = takeFromBucket(previous, policy, cost, this.now());
    this.states.delete(key);
    this.states.set(key, state);
    if (this.states.size > this.maxKeys) {
      const oldest = this.states.keys().next().value;
      if (oldest !== undefined) this.states.delete(oldest);
    }
    return decision;
  }
}
