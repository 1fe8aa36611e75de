import { createHash } from 'node:crypto';
import type { Logger } from '@storegraph/logger';
import type { Redis } from 'ioredis';
import {
  type AttemptSubjects,
  type AttemptVerdict,
  DEFAULT_THROTTLE_RULE,
  type LoginThrottle,
  type ThrottleRule,
} from '../domain/login-throttle.js';

/**
 * KEYS: pairs of (failure count, refusal) keys, the account's first. ARGV: the
 * account's threshold, longest refusal in ms, memory in seconds, the IP's threshold. Refuses with the longest remaining refusal, or counts
 * the attempt as a failure against every subject and starts a refusal for each
 * subject that reached the threshold. One script, so it is atomic.
 */
const ATTEMPT = `
local wait = 0
for i = 2, #KEYS, 2 do
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl > wait then wait = ttl end
end
if wait > 0 then return wait end
for i = 1, #KEYS, 2 do
  local threshold = tonumber(i == 1 and ARGV[1] or ARGV[4])
  local failures = redis.call('INCR', KEYS[i])
  redis.call('EXPIRE', KEYS[i], ARGV[3])
  if failures >= threshold then
    local ms = math.floor(math.min(2 ^ (failures - threshold) * 1000, tonumber(ARGV[2])))
    redis.call('SET', KEYS[i + 1], failures, 'PX', ms)
  end
end
return 0
`;

/**
 * KEYS[1..2]: the account's count and refusal; KEYS[3..4]: the IP's, when known.
 * ARGV[1]: the IP's threshold. Clears the account; takes the attempt back from the IP (and
 * lifts the IP's refusal when it falls below the threshold again).
 */
const SUCCEEDED = `
redis.call('DEL', KEYS[1], KEYS[2])
if #KEYS >= 4 then
  local failures = redis.call('DECR', KEYS[3])
  if failures <= 0 then
    redis.call('DEL', KEYS[3], KEYS[4])
  elseif failures < tonumber(ARGV[1]) then
    redis.call('DEL', KEYS[4])
  end
end
return 1
`;

/** Emails and addresses appear in keys only as digests: no personal data in Redis or its logs. */
const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * The login throttle in Redis, under `<prefix>login:`. Every key has a TTL, so an
 * idle count disappears by itself.
 *
 * Fails open: when Redis cannot be reached the attempt is allowed and a warning is
 * logged. Throttling only slows guessing down; refusing every sign-in while Redis
 * is down would turn a cache outage into a full outage of accounts, and argon2 still
 * makes each guess cost tens of milliseconds.
 */
export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly rule: ThrottleRule = DEFAULT_THROTTLE_RULE,
  ) {}

  private keys(subjects: AttemptSubjects): string[] {
    const keys = [`account:${digest(subjects.email)}`];
    if (subjects.ip) keys.push(`ip:${digest(subjects.ip)}`);
    return keys.flatMap((subject) => [
      `${this.prefix}login:failures:${subject}`,
      `${this.prefix}login:refused:${subject}`,
    ]);
  }

  async attempt(subjects: AttemptSubjects): Promise<AttemptVerdict> {
    const keys = this.keys(subjects);
    try {
      const waitMs = Number(
        await this.redis.eval(
          ATTEMPT,
          keys.length,
          ...keys,
          this.rule.threshold,
          this.rule.maxDelaySeconds * 1000,
          this.rule.memorySeconds,
          this.rule.ipThreshold,
        ),
      );
      return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
    } catch (error) {
      this.logger.warn({ err: error }, 'login throttle unavailable; the attempt is allowed unthrottled');
      return { allowed: true };
    }
  }

  async succeeded(subjects: AttemptSubjects): Promise<void> {
    const keys = this.keys(subjects);
    try {
      await this.redis.eval(SUCCEEDED, keys.length, ...keys, this.rule.ipThreshold);
    } catch (error) {
      this.logger.warn({ err: error }, 'login throttle unavailable; could not clear the failures of a sign-in');
    }
  }
}
