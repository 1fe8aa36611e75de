import type { Request, Response } from 'express';

/**
 * Answers a request refused at the edge in GraphQL's error shape, with a code and the
 * request id, as `application/graphql-response+json` when the client accepts it.
 */
export function sendEdgeError(
  req: Request,
  res: Response,
  status: number,
  error: { code: string; message: string; extensions?: Record<string, unknown> },
): void {
  const accept = req.headers.accept ?? '';
  if (accept.includes('application/graphql-response+json')) res.type('application/graphql-response+json');
  res.status(status).json({
    errors: [
      { message: error.message, extensions: { code: error.code, requestId: req.requestId, ...error.extensions } },
    ],
  });
}
