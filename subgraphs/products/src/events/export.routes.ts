import { isInternalRequest } from '@storegraph/auth';
import { isUuid } from '@storegraph/graphql-kit';
import { Router } from 'express';
import { productDocuments } from '../data/catalog-documents.js';
import type { PrismaClient } from '../data/prisma-client.js';

/**
 * GET /internal/catalog/export?after=<productId>&limit=<1..1000>: the catalog as
 * search documents, in product-id order, a page at a time, for full reindexing.
 * Soft-deleted products are left out. Internal callers only (signed proof).
 * Answers `{ documents, nextCursor }`; `nextCursor` is null on the last page.
 * Mount before GraphQL (mountGraphQL ends with a 404 handler).
 */
export function exportRouter(deps: { prisma: PrismaClient; internalSecret: string }): Router {
  const router = Router();
  router.get('/internal/catalog/export', async (req, res, next) => {
    if (!isInternalRequest(deps.internalSecret, req.headers)) {
      res.status(401).json({ error: 'internal only' });
      return;
    }
    const after = typeof req.query.after === 'string' ? req.query.after : undefined;
    const limit = Number(req.query.limit ?? 500);
    if ((after !== undefined && !isUuid(after)) || !Number.isInteger(limit) || limit < 1 || limit > 1_000) {
      res.status(400).json({ error: 'after must be a product id; limit a whole number from 1 to 1000' });
      return;
    }
    try {
      const page = await deps.prisma.product.findMany({
        where: { deletedAt: null, ...(after ? { id: { gt: after } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: limit + 1,
      });
      const ids = page.slice(0, limit).map((p) => p.id);
      const documents = await productDocuments(deps.prisma, ids);
      res.json({ documents, nextCursor: page.length > limit ? (ids.at(-1) ?? null) : null });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
