import { internalOnly } from '@storegraph/auth';
import type { Logger } from '@storegraph/logger';
import { jsonBody } from '@storegraph/service';
import express, { type ErrorRequestHandler, type Response } from 'express';
import {
  InventoryError,
  type InventoryErrorCode,
  type InventoryService,
  type ReserveResult,
  type SettleResult,
} from './inventory.service.js';

export interface InventoryRouterDeps {
  service: InventoryService;
  /** The shared internal secret that signs service-to-service proofs. */
  internalSecret: string;
  logger: Logger;
}

const BASE = '/internal/inventory';

const STATUS_OF: Record<InventoryErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  ORDER_ID_REUSED: 409,
  RESERVATION_EXPIRED: 409,
  RESERVATION_RELEASED: 409,
  ALREADY_COMMITTED: 409,
};

function reserveBody(result: ReserveResult) {
  if ('shortages' in result) {
    return { status: result.status, orderId: result.orderId, shortages: result.shortages };
  }
  return {
    status: result.status,
    orderId: result.orderId,
    expiresAt: result.expiresAt.toISOString(),
    replayed: result.replayed,
    lines: result.lines,
  };
}

const settleBody = (result: SettleResult) => result;

function sendError(res: Response, error: InventoryError) {
  res.status(STATUS_OF[error.code]).json({ error: error.message, code: error.code });
}

/**
 * The internal inventory API the orders service calls during checkout: reserve stock
 * for an order, then commit or release it. Every route answers 401 unless the request
 * carries a valid internal proof (`internalCallHeaders` from @storegraph/auth).
 *
 * Mount it with `service.app.use(inventoryRouter(...))` BEFORE GraphQL is mounted, so
 * these paths are answered here and never reach the GraphQL endpoint or its body parser.
 */
export function inventoryRouter(deps: InventoryRouterDeps): express.Router {
  const { service, internalSecret, logger } = deps;
  const router = express.Router();

  // The proof is checked before the body is even parsed.
  router.use(BASE, internalOnly(internalSecret), jsonBody({ limit: 64 * 1024 }));

  router.post(`${BASE}/reservations`, async (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res
        .status(400)
        .json({ error: 'the body must be a JSON object { orderId, lines, ttlSeconds }', code: 'INVALID_INPUT' });
      return;
    }
    const { orderId, lines, ttlSeconds } = body as Record<string, unknown>;
    const result = await service.reserve(orderId, lines, ttlSeconds);
    const status = result.status === 'OUT_OF_STOCK' ? 409 : result.status === 'VARIANT_NOT_FOUND' ? 404 : 200;
    res.status(status).json(reserveBody(result));
  });

  router.post(`${BASE}/quotes`, async (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json({ error: 'the body must be a JSON object { lines }', code: 'INVALID_INPUT' });
      return;
    }
    const result = await service.quote((body as Record<string, unknown>).lines);
    const status = result.status === 'OUT_OF_STOCK' ? 409 : result.status === 'VARIANT_NOT_FOUND' ? 404 : 200;
    res.status(status).json(result);
  });

  router.post(`${BASE}/reservations/:orderId/commit`, async (req, res) => {
    res.json(settleBody(await service.commit(req.params.orderId)));
  });

  router.post(`${BASE}/reservations/:orderId/release`, async (req, res) => {
    res.json(settleBody(await service.release(req.params.orderId)));
  });

  router.use(BASE, (_req, res) => {
    res.status(404).json({ error: 'not found', code: 'NOT_FOUND' });
  });

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof InventoryError) {
      sendError(res, error);
      return;
    }
    // body-parser failures carry a status and a type; never echo their message.
    const status = Number(error?.status ?? error?.statusCode);
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'the body is not valid JSON', code: 'INVALID_INPUT' });
      return;
    }
    if (status === 413) {
      res.status(413).json({ error: 'the body is too large', code: 'INVALID_INPUT' });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: 'bad request', code: 'INVALID_INPUT' });
      return;
    }
    logger.error({ err: error }, 'inventory request failed');
    res.status(500).json({ error: 'internal error' });
  };
  router.use(BASE, onError);

  return router;
}
