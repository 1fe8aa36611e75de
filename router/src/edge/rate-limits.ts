import type { Request, Response } from 'express';
import type { RouterContext } from '../context.js';
import type { RateDecision, RateLimiter } from '../rate-limit/rate-limiter.js';
import type { BucketPolicy } from '../rate-limit/token-bucket.js';
import { sendEdgeError } from './edge-error.js';
import type { EdgePlugin } from './edge-plugin.js';

/** What a request cost and what is left, as `extensions.cost` reports it (after Shopify's throttle status). */
export interface CostReport {
  requested: number;
  remaining: number;
  limit: number;
  restoreRate: number;
}

declare global {
  namespace Express {
    interface Locals {
      /** Set by useRateLimits for a request within its budget. */
      cost?: CostReport;
    }
  }
}

/** Root mutation fields charged to the stricter per-address `auth` budget as well. */
const AUTH_FIELDS = new Set(['login', 'register']);

export type RateTier = 'guest' | 'customer' | 'admin' | 'auth' | (string & {});

/** Who is charged: a partner by key, a signed-in user by id, anyone else by client address. */
function identify(req: Request, res: Response): { key: string; tier: RateTier } {
  const { viewer, partner } = res.locals;
  if (partner) return { key: `partner:${partner.id}`, tier: partner.tier };
  if (viewer) return { key: `user:${viewer.userId}`, tier: viewer.role === 'ADMIN' ? 'admin' : 'customer' };
  return { key: `ip:${req.ip ?? 'unknown'}`, tier: 'guest' };
}

function setRateHeaders(res: Response, policy: BucketPolicy, decision: RateDecision): void {
  const windowSeconds = Math.ceil(policy.capacity / policy.refillPerSecond);
  res.setHeader('RateLimit-Policy', `${policy.capacity};w=${windowSeconds}`);
  res.setHeader('RateLimit-Limit', String(policy.capacity));
  res.setHeader('RateLimit-Remaining', String(decision.remaining));
  res.setHeader('RateLimit-Reset', String(Math.ceil(decision.resetMs / 1000)));
}

/**
 * Charges every operation its calculated cost (at least 1) against the caller's
 * bucket, and `login`/`register` one more point against the client address's
 * `auth` bucket. Over budget: 429 RATE_LIMITED with Retry-After. Every answer
 * carries the budget in RateLimit-* headers and `extensions.cost`.
 */
export function useRateLimits(options: { limiter: RateLimiter; tiers: Record<string, BucketPolicy> }): EdgePlugin {
  const { limiter, tiers } = options;
  const refuse = (req: Request, res: Response, decision: RateDecision, cost: CostReport) => {
    const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    res.setHeader('Retry-After', String(retryAfter));
    sendEdgeError(req, res, 429, {
      code: 'RATE_LIMITED',
      message: `Rate limit exceeded; retry in ${retryAfter} s.`,
      extensions: { retryAfter, cost },
    });
  };
  return {
    name: 'rate-limits',
    async http(req, res, next) {
      try {
        const operation = res.locals.operation;
        if (operation?.type === 'mutation' && operation.rootFields.some((f) => AUTH_FIELDS.has(f))) {
          const policy = tiers.auth as BucketPolicy;
          const decision = await limiter.take(`auth:ip:${req.ip ?? 'unknown'}`, policy, 1);
          if (!decision.allowed) {
            setRateHeaders(res, policy, decision);
            refuse(req, res, decision, report(1, policy, decision));
            return;
          }
        }
        const { key, tier } = identify(req, res);
        const policy = tiers[tier] ?? (tiers.guest as BucketPolicy);
        const requested = Math.max(1, operation?.cost ?? 1);
        const decision = await limiter.take(key, policy, requested);
        setRateHeaders(res, policy, decision);
        const cost = report(requested, policy, decision);
        if (!decision.allowed) {
          refuse(req, res, decision, cost);
          return;
        }
        res.locals.cost = cost;
        next();
      } catch (error) {
        next(error);
      }
    },
    apollo: {
      async requestDidStart() {
        return {
          async willSendResponse({ response, contextValue }) {
            const cost = (contextValue as RouterContext).cost;
            if (!cost || response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost };
          },
        };
      },
    },
  };
}

function report(requested: number, policy: BucketPolicy, decision: RateDecision): CostReport {
  return {
    requested,
    remaining: decision.remaining,
    limit: policy.capacity,
    restoreRate: policy.refillPerSecond,
  };
}
