import { Readable } from 'node:stream';
import type { RequestHandler } from 'express';

/**
 * Product images are drawn by the products subgraph; clients fetch them through the
 * router at /media so that subgraphs stay private (only the router reaches them).
 */
export function mediaProxy(productsUrl: string, timeoutMs: number): RequestHandler {
  const origin = new URL(productsUrl).origin;
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).end();
      return;
    }
    try {
      const upstream = await fetch(`${origin}/media${req.path}`, {
        method: req.method,
        signal: AbortSignal.timeout(timeoutMs),
      });
      res.status(upstream.status);
      for (const header of ['content-type', 'cache-control']) {
        const value = upstream.headers.get(header);
        if (value) res.setHeader(header, value);
      }
      if (upstream.body) Readable.fromWeb(upstream.body as never).pipe(res);
      else res.end();
    } catch {
      res.status(502).json({ error: 'media unavailable' });
    }
  };
}
