import type { Request } from 'express';

/** What the router knows of a request and forwards to the subgraphs. */
export interface RouterContext {
  requestId: string;
  /** The end client's address (see TRUSTED_PROXY_HOPS), forwarded under the internal proof. */
  clientIp: string;
  /** The caller's Authorization header, forwarded so subgraphs verify the token themselves. */
  authorization: string | undefined;
}

export function routerContext(req: Request): RouterContext {
  return { requestId: req.requestId, clientIp: req.ip ?? '', authorization: req.headers.authorization };
}
