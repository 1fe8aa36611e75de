import { internalOnly } from '@storegraph/auth';
import { OrderPaidV1 } from '@storegraph/events';
import type { Logger } from '@storegraph/logger';
import { jsonBody } from '@storegraph/service';
import express, { type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import type { CartCheckout } from '../domain/cart-checkout.js';

const BASE = '/internal/carts';
const checkoutId = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, '1 to 100 of A-Z a-z 0-9 . _ : -');
const LockBody = z.strictObject({
  checkoutId,
  customerId: z.string().uuid().nullable(),
  ttlSeconds: z.number().int().min(1).max(3_600).default(900),
});
const ClearBody = OrderPaidV1.omit({ type: true }).strict();

const LOCK_STATUS = { CART_NOT_FOUND: 404, CART_LOCKED: 409, CART_EMPTY: 409 } as const;

/**
 * The internal API the checkout (orders) calls: read a cart's lines (price preview),
 * lock a cart and read its snapshot,
 * release the lock, clear the cart of a paid order. Every route answers 401 unless the
 * request carries a valid internal proof; mount it before GraphQL.
 */
export function checkoutRouter(deps: {
  checkout: CartCheckout;
  internalSecret: string;
  logger: Logger;
}): express.Router {
  const { checkout, internalSecret, logger } = deps;
  const router = express.Router();
  // The proof is checked before the body is even parsed.
  router.use(BASE, internalOnly(internalSecret), jsonBody({ limit: 16 * 1024 }));

  router.post(`${BASE}/clear`, async (req, res) => {
    const body = ClearBody.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'expected { orderId, cartId, customerId }', code: 'INVALID_INPUT' });
      return;
    }
    res.json(await checkout.clearForOrder(body.data));
  });

  router.get(`${BASE}/:cartId`, async (req, res) => {
    const customerId = z
      .string()
      .uuid()
      .nullable()
      .safeParse(req.query.customerId ?? null);
    if (!customerId.success) {
      res.status(400).json({ error: 'customerId must be a UUID when given', code: 'INVALID_INPUT' });
      return;
    }
    const result = await checkout.contents(req.params.cartId, customerId.data);
    if (result.status === 'FOUND') res.json(result.contents);
    else res.status(LOCK_STATUS[result.status]).json({ error: result.status.toLowerCase(), code: result.status });
  });

  router.post(`${BASE}/:cartId/checkout`, async (req, res) => {
    const body = LockBody.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'expected { checkoutId, customerId, ttlSeconds }', code: 'INVALID_INPUT' });
      return;
    }
    const result = await checkout.lock(req.params.cartId, body.data);
    if (result.status === 'LOCKED') res.json(result.snapshot);
    else res.status(LOCK_STATUS[result.status]).json({ error: result.status.toLowerCase(), code: result.status });
  });

  router.delete(`${BASE}/:cartId/checkout/:checkoutId`, async (req, res) => {
    if (!checkoutId.safeParse(req.params.checkoutId).success) {
      res.status(400).json({ error: 'invalid checkout id', code: 'INVALID_INPUT' });
      return;
    }
    res.json({ released: await checkout.release(req.params.cartId, req.params.checkoutId) });
  });

  router.use(BASE, (_req, res) => {
    res.status(404).json({ error: 'not found', code: 'NOT_FOUND' });
  });

  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    if (res.headersSent) return;
    const status = Number(error?.status ?? error?.statusCode);
    if (error?.extensions?.code === 'SERVICE_UNAVAILABLE') {
      res.status(503).json({ error: 'carts are unavailable', code: 'SERVICE_UNAVAILABLE' });
    } else if (status >= 400 && status < 500) {
      // body-parser failures (bad JSON, too large); never echo their message.
      res.status(status).json({ error: 'bad request', code: 'INVALID_INPUT' });
    } else {
      logger.error({ err: error }, 'internal cart request failed');
      res.status(500).json({ error: 'internal error' });
    }
  };
  router.use(BASE, onError);
  return router;
}
