import type { Request, Response } from 'express';
import type { CostReport } from './edge/rate-limits.js';

/** What the router knows of a request and forwards to the subgraphs. */
export interface RouterContext {
  requestId: string;
  /** The end client's address (see TRUSTED_PROXY_HOPS), forwarded under the internal proof. */
  clientIp: string;
  /** The caller's Authorization header, forwarded so subgraphs verify the token themselves. */
  authorization: string | undefined;
  /** The rate-limit charge of this request, reported in `extensions.cost`. */
  cost?: CostReport;
}

export function routerContext(req: Request, res: Response): RouterContext {
  return {
    requestId: req.requestId,
    clientIp: req.ip ?? '',
    authorization: req.headers.authorization,
    ...(res.locals.cost ? { cost: res.locals.cost } : {}),
  };
}
