import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Express handlers run in turn as one layer, with Express 5's rules: a handler passes
 * on with `next()`, fails with `next(error)` or by throwing or rejecting (the error
 * goes to the app's error handlers), or answers and stops. Express matches the path of
 * every layer it passes on every request; a chain that always runs together (the
 * router's edge) costs one match instead of one per handler.
 */
export function inTurn(handlers: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const step = (error?: unknown) => {
      if (error) {
        done(error);
        return;
      }
      const handler = handlers[index];
      index += 1;
      if (!handler) {
        done();
        return;
      }
      try {
        const returned: unknown = handler(req, res, step);
        if (returned instanceof Promise) returned.catch((e: unknown) => done(e ?? new Error('Rejected promise')));
      } catch (e) {
        done(e);
      }
    };
    step();
  };
}

/** `handler` for POST requests; the rest pass on untouched. */
export const postsOnly =
  (handler: RequestHandler): RequestHandler =>
  (req, res, next) => {
    if (req.method !== 'POST') {
      next();
      return;
    }
    return handler(req, res, next);
  };
