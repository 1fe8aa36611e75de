/**
 * Who a sign-in attempt counts against: the account (normalised email, whether or
 * not such an account exists) and, when known, the client's IP address.
 */
export interface AttemptSubjects {
  email: string;
  ip: string | null;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Slows password guessing down. The rule: after `threshold` (5) consecutive
 * failures of an account, or `ipThreshold` (20) from one IP address (higher, since
 * many people can share an address behind a NAT), further attempts are refused for
 * 2^(failures - threshold) seconds, at most 15 minutes, without the password being
 * checked. A success clears the account's count; the IP's count only decays.
 */
export interface LoginThrottle {
  /**
   * Asks whether an attempt may go ahead. An allowed attempt is counted as a
   * failure at once (so concurrent guesses cannot all slip under the limit);
   * `succeeded` takes it back.
   */
  attempt(subjects: AttemptSubjects): Promise<AttemptVerdict>;
  /** The allowed attempt succeeded: clears the account's failures and uncounts the IP's. */
  succeeded(subjects: AttemptSubjects): Promise<void>;
}

export interface ThrottleRule {
  /** Consecutive failures of one account before its attempts are refused. */
  threshold: number;
  /** Net failures from one IP address before its attempts are refused. */
  ipThreshold: number;
  /** Longest refusal, in seconds. */
  maxDelaySeconds: number;
  /** A count is forgotten after this long without a failure, in seconds. */
  memorySeconds: number;
}

export const DEFAULT_THROTTLE_RULE: ThrottleRule = {
  threshold: 5,
  ipThreshold: 20,
  maxDelaySeconds: 15 * 60,
  memorySeconds: 60 * 60,
};

/** The refusal after `failures` consecutive failures, in milliseconds (0: none). */
export function refusalMs(failures: number, rule: ThrottleRule, threshold = rule.threshold): number {
  if (failures < threshold) return 0;
  return Math.min(2 ** (failures - threshold), rule.maxDelaySeconds) * 1000;
}

/** Lets every attempt through; what runs when no Redis is configured. */
export const unthrottled: LoginThrottle = {
  attempt: async () => ({ allowed: true }),
  succeeded: async () => {},
};
