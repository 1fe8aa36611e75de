import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@storegraph/logger';
import express, { type Express } from 'express';

/** Where `pnpm build` puts the GraphiQL bundle (the same folder from src/ and dist/). */
export const PLAYGROUND_DIR = fileURLToPath(new URL('../dist/playground', import.meta.url));

// Everything from this origin; inline styles for GraphiQL's own.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GraphiQL for browsers: `GET /graphql` asking for HTML (and carrying no query) gets
 * the playground, everything else goes on to GraphQL; the bundle is served from
 * /playground/. Built from node_modules at build time, so nothing loads from a CDN.
 */
export function mountPlayground(app: Express, logger: Logger, dir = PLAYGROUND_DIR): void {
  const page = path.join(dir, 'index.html');
  if (!existsSync(page)) {
    logger.warn({ dir }, 'playground enabled but not built (pnpm build); GET /graphql serves GraphQL only');
    return;
  }
  app.use('/playground', express.static(dir, { index: false, maxAge: '1h' }));
  app.get('/graphql', (req, res, next) => {
    const wanted = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']);
    if (wanted !== 'text/html' || req.query.query !== undefined) {
      next();
      return;
    }
    res.set('content-security-policy', CONTENT_SECURITY_POLICY).set('cache-control', 'no-cache').sendFile(page);
  });
}
