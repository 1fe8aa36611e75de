import type { Request } from 'express';

/** What the router knows of a request and forwards to the subgraphs. */
export interface RouterContext {
  requestId: string;
  /** The caller's Authorization header, forwarded so subgraphs verify the token themselves. */
  authorization: string | undefined;
}

export function routerContext(req: Request): RouterContext {
  return { requestId: req.requestId, authorization: req.headers.authorization };
}
