import { randomUUID } from 'node:crypto';
import { CheckoutUnavailable, CheckoutWorkflow, OrderTokens } from '@storegraph/orders/ports';
import { seedCatalog } from '@storegraph/products/seed';
import { silentLogger } from '@storegraph/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  address,
  available,
  CHECKOUT,
  cartWith,
  createProduct,
  guestInput,
  READ,
  waitFor,
} from './checkout-helpers.js';
import { type Supergraph, startSupergraph } from './supergraph.js';

let sg: Supergraph;
let admin: Record<string, string>;

beforeAll(async () => {
  sg = await startSupergraph();
  await seedCatalog({ databaseUrl: process.env.E2E_PRODUCTS_DATABASE_URL as string, products: 20 });
  admin = await sg.bearer(randomUUID(), 'ADMIN');
});

afterAll(async () => {
  await sg?.stop();
});

const read = (id: string, token: string | null, headers: Record<string, string> = {}) =>
  sg.gql(READ, { id, t: token }, headers).then((r) => r.data?.order ?? null);
const statusOf = async (id: string) => (await sg.prisma.orders.order.findUniqueOrThrow({ where: { id } })).status;
const untilStatus = (id: string, status: string) =>
  waitFor(
    () => statusOf(id),
    (s) => s === status,
  );

async function register(): Promise<{ id: string; email: string; headers: Record<string, string> }> {
  const email = `buyer-${randomUUID().slice(0, 8)}@example.com`;
  const res = await sg.gql(
    `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { id } userErrors { code } } }`,
    { i: { email, password: 'correct horse battery staple 42', name: 'Buyer' } },
  );
  expect(res.data.register.userErrors).toEqual([]);
  return {
    id: res.data.register.user.id,
    email,
    headers: { authorization: `Bearer ${res.data.register.accessToken}` },
  };
}

async function guestOrder(token = 'tok_visa', quantity = 1, stock = 5) {
  const [v] = await createProduct(sg, admin, [{ price: '15.00', stock }]);
  const cartId = await cartWith(sg, [{ variantId: v.id, quantity }]);
  const res = await sg.gql(CHECKOUT, { i: guestInput(cartId, token) });
  expect(res.data.checkout.userErrors).toEqual([]);
  return { variant: v, cartId, order: res.data.checkout.order, token: res.data.checkout.orderToken as string };
}

const CANCEL = `mutation($id: ID!, $t: String) { orderCancel(id: $id, orderToken: $t) { order { status payment { status } } userErrors { code } } }`;
const FULFIL = `mutation($id: ID!) { orderFulfill(id: $id) { order { status } userErrors { code } } }`;
const REFUND = `mutation($id: ID!) { orderRefund(id: $id) { order { status payment { status } } userErrors { code } } }`;

describe('customer checkout and who may read an order', () => {
  it('checks a customer out with their account email, lists it in User.orders, and shows it to nobody else', async () => {
    const buyer = await register();
    const [v] = await createProduct(sg, admin, [{ price: '40.00', stock: 3 }]);
    const cartId = await cartWith(sg, [{ variantId: v.id, quantity: 1 }], buyer.headers);
    const input = { ...guestInput(cartId), email: 'ignored@example.com', shippingAddress: address('GB', null) };
    const res = await sg.gql(CHECKOUT, { i: input }, buyer.headers);
    expect(res.data.checkout.userErrors).toEqual([]);
    const { order, orderToken } = res.data.checkout;
    expect(orderToken).toBeNull();
    expect(order.email).toBe(buyer.email);
    // GB: 8.99 shipping below 75.00, VAT 20 % on goods and shipping: (40.00 + 8.99) x 0.2 = 9.798 -> 9.80.
    expect([order.shipping.amount, order.tax.amount, order.total.amount]).toEqual(['8.99', '9.80', '58.79']);
    await untilStatus(order.id, 'PAID');

    const mine = await sg.gql(`{ me { orders(first: 5) { totalCount nodes { id status } } } }`, {}, buyer.headers);
    expect(mine.data.me.orders).toEqual({ totalCount: 1, nodes: [{ id: order.id, status: 'PAID' }] });
    expect((await read(order.id, null, buyer.headers))?.id).toBe(order.id);
    expect((await read(order.id, null, admin))?.id).toBe(order.id);
    const other = await sg.bearer(randomUUID());
    const unknownId = randomUUID();
    // Another customer, a guest, and a made-up id all look the same: null, no error.
    for (const [id, headers] of [
      [order.id, other],
      [order.id, {}],
      [unknownId, other],
    ] as const) {
      const res = await sg.gql(READ, { id, t: null }, headers);
      expect(res.errors).toBeUndefined();
      expect(res.data.order).toBeNull();
    }
  });

  it('lets a guest read an order with its token only', async () => {
    const { order, token } = await guestOrder();
    expect((await read(order.id, token))?.id).toBe(order.id);
    expect(await read(order.id, `${token.slice(0, -1)}x`)).toBeNull();
    expect(await read(order.id, null)).toBeNull();
    expect(await read(order.id, token, await sg.bearer(randomUUID()))).toMatchObject({ id: order.id });
  });
});

describe('the order state machine', () => {
  it('lets an admin fulfil a paid order, refuses illegal transitions, and records every transition', async () => {
    const pending = await guestOrder('tok_requiresAction');
    const early = await sg.gql(FULFIL, { id: pending.order.id }, admin);
    expect(early.data.orderFulfill.userErrors).toEqual([{ code: 'INVALID_ORDER_STATE' }]);
    const { order, token } = await guestOrder();
    await untilStatus(order.id, 'PAID');
    const asCustomer = await sg.gql(FULFIL, { id: order.id }, await sg.bearer(randomUUID()));
    expect(asCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asGuest = await sg.gql(FULFIL, { id: order.id });
    expect(asGuest.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const done = await sg.gql(FULFIL, { id: order.id }, admin);
    expect(done.data.orderFulfill).toEqual({ order: { status: 'FULFILLED' }, userErrors: [] });
    expect((await sg.gql(REFUND, { id: order.id }, admin)).data.orderRefund.userErrors).toEqual([
      { code: 'INVALID_ORDER_STATE' },
    ]);
    expect((await sg.gql(CANCEL, { id: order.id, t: token })).data.orderCancel.userErrors).toEqual([
      { code: 'INVALID_ORDER_STATE' },
    ]);
    const transitions = await sg.prisma.orders.orderTransition.findMany({
      where: { orderId: order.id },
      orderBy: { id: 'asc' },
    });
    expect(transitions.map((t) => [t.fromStatus, t.toStatus])).toEqual([
      [null, 'PENDING_PAYMENT'],
      ['PENDING_PAYMENT', 'PAID'],
      ['PAID', 'FULFILLED'],
    ]);
    expect(transitions.every((t) => t.cause.length > 0 && t.at instanceof Date)).toBe(true);
  });

  it('refunds a paid order in full through its provider (admin only), once', async () => {
    const { order } = await guestOrder();
    await untilStatus(order.id, 'PAID');
    const res = await sg.gql(REFUND, { id: order.id }, admin);
    expect(res.data.orderRefund).toEqual({
      order: { status: 'REFUNDED', payment: { status: 'REFUNDED' } },
      userErrors: [],
    });
    const again = await sg.gql(REFUND, { id: order.id }, admin);
    expect(again.data.orderRefund.userErrors).toEqual([{ code: 'INVALID_ORDER_STATE' }]);
    const refunds = await sg.prisma.orders.refund.findMany({ where: { payment: { orderId: order.id } } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]?.amountMinor).toBe(Math.round(Number(order.total.amount) * 100));
    const event = await sg.prisma.orders.outboxEvent.findFirst({
      where: { aggregateId: order.id, type: 'OrderRefundedV1' },
    });
    expect(event).not.toBeNull();
  });

  it('lets exactly one of a racing refund and fulfilment win, and records money only for a refund', async () => {
    for (let round = 0; round < 4; round++) {
      const { order } = await guestOrder();
      await untilStatus(order.id, 'PAID');
      const [refund, fulfil] = await Promise.all([
        sg.gql(REFUND, { id: order.id }, admin),
        sg.gql(FULFIL, { id: order.id }, admin),
      ]);
      const refunded = refund.data.orderRefund.userErrors.length === 0;
      const fulfilled = fulfil.data.orderFulfill.userErrors.length === 0;
      expect([refunded, fulfilled].filter(Boolean)).toHaveLength(1);
      const refunds = await sg.prisma.orders.refund.count({ where: { payment: { orderId: order.id } } });
      expect([await statusOf(order.id), refunds]).toEqual(refunded ? ['REFUNDED', 1] : ['FULFILLED', 0]);
    }
  });

  it('cancels an unpaid order for the guest holding its token (stock released), and a paid one with a refund (stock back)', async () => {
    const unpaid = await guestOrder('tok_requiresAction', 2, 5);
    expect(await available(sg, unpaid.variant.id)).toBe(3);
    const res = await sg.gql(CANCEL, { id: unpaid.order.id, t: unpaid.token });
    expect(res.data.orderCancel).toEqual({
      order: { status: 'CANCELLED', payment: { status: 'REQUIRES_ACTION' } },
      userErrors: [],
    });
    await waitFor(
      () => available(sg, unpaid.variant.id),
      (n) => n === 5,
    );
    expect(await available(sg, unpaid.variant.id)).toBe(5);

    const paid = await guestOrder('tok_visa', 2, 5);
    await untilStatus(paid.order.id, 'PAID');
    // Sold once the order is paid (the reservation committed by the order's event).
    const sold = await waitFor(
      () => sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: paid.variant.id } }),
      (v) => v.quantityOnHand === 3 && v.quantityReserved === 0,
    );
    expect([sold.quantityOnHand, sold.quantityReserved]).toEqual([3, 0]);
    const cancelled = await sg.gql(CANCEL, { id: paid.order.id, t: paid.token });
    expect(cancelled.data.orderCancel).toEqual({
      order: { status: 'CANCELLED', payment: { status: 'REFUNDED' } },
      userErrors: [],
    });
    // Cancelled before fulfilment: the two units go back on the shelf.
    await waitFor(
      () => available(sg, paid.variant.id),
      (n) => n === 5,
    );
    const variant = await sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: paid.variant.id } });
    expect([variant.quantityOnHand, variant.quantityReserved]).toEqual([5, 0]);
    const [, , last] = await sg.prisma.orders.orderTransition.findMany({
      where: { orderId: paid.order.id },
      orderBy: { id: 'asc' },
    });
    expect(last).toMatchObject({ fromStatus: 'PAID', toStatus: 'CANCELLED' });
  });

  it('cancels unpaid orders when their reservation is about to expire, releasing the stock', async () => {
    const { order, variant } = await guestOrder('tok_requiresAction', 1, 2);
    expect(await available(sg, variant.id)).toBe(1);
    expect(await sg.orders.lifecycle.cancelOverdue(new Date())).toBe(0);
    const cancelled = await sg.orders.lifecycle.cancelOverdue(new Date(Date.now() + 15 * 60_000));
    expect(cancelled).toBeGreaterThanOrEqual(1);
    expect(await statusOf(order.id)).toBe('CANCELLED');
    const last = await sg.prisma.orders.orderTransition.findFirst({
      where: { orderId: order.id },
      orderBy: { id: 'desc' },
    });
    expect(last?.cause).toMatch(/reservation expired/);
    await waitFor(
      () => available(sg, variant.id),
      (n) => n === 2,
    );
    expect(await available(sg, variant.id)).toBe(2);
  });
});

describe('crash recovery of the checkout saga', () => {
  /**
   * A checkout run by a process that dies: the port after `dieAfter` never answers, or
   * answers only once `resume` settles (a process that was slow, not dead).
   */
  function crashingWorkflow(
    dieAfter: 'reserve' | 'createPayment',
    resume: Promise<void> = new Promise<never>(() => {}),
  ) {
    const hang = () => new Promise<never>(() => {});
    const domain = sg.orders;
    const inventory = (domain.checkout as any).deps.inventory;
    const providers = new Map(domain.providers);
    if (dieAfter === 'createPayment') {
      const test = domain.providers.get('TEST');
      providers.set('TEST', Object.assign(Object.create(test as object), { create: hang }));
    }
    return new CheckoutWorkflow({
      ...(domain.checkout as any).deps,
      providers,
      inventory:
        dieAfter === 'reserve'
          ? {
              reserve: async (...args: [string, any, number]) => {
                const reserved = await inventory.reserve(...args);
                await resume;
                return reserved;
              },
              release: (id: string) => inventory.release(id),
              quote: (lines: Array<{ variantId: string; quantity: number }>) => inventory.quote(lines),
            }
          : inventory,
      tokens: new OrderTokens('e2e-order-token-secret-0123456789abcdef'),
      logger: silentLogger(),
    });
  }

  /** A guest checkout of a new cart holding `quantity` of the variant, as the workflow takes it. */
  async function workflowRequest(variantId: string, quantity: number) {
    const cartId = await cartWith(sg, [{ variantId, quantity }]);
    const input = guestInput(cartId);
    const request = {
      cartId,
      guestEmail: input.email,
      shippingAddress: { ...address(), line2: null, phone: null },
      paymentProvider: 'TEST' as const,
      idempotencyKey: input.idempotencyKey,
      testPaymentToken: 'tok_visa',
    };
    return { cartId, input, request };
  }

  async function startCrashing(dieAfter: 'reserve' | 'createPayment', stock = 3, resume?: Promise<void>) {
    const [v] = await createProduct(sg, admin, [{ price: '9.00', stock }]);
    const { cartId, input, request } = await workflowRequest(v.id, 2);
    const outcome = crashingWorkflow(dieAfter, resume).checkout(request, null);
    outcome.catch(() => undefined);
    const saga = await waitFor(
      () => sg.prisma.orders.checkoutSaga.findFirst({ where: { idempotencyKey: input.idempotencyKey } }),
      (s) => s !== null && (dieAfter === 'reserve' || s.step === 'ORDER_CREATED'),
    );
    if (!saga) throw new Error('the checkout saga was never claimed');
    if (dieAfter === 'reserve') {
      // The cart lock and the reservation are not recorded as saga steps: the stock tells.
      await waitFor(
        () => sg.prisma.products.stockReservation.count({ where: { orderId: saga.orderId } }),
        (n) => n > 0,
      );
    }
    // Let the dying process get as far as it will.
    await new Promise((r) => setTimeout(r, 300));
    return { variant: v, cartId, input, saga, outcome };
  }

  it('compensates a saga that died after reserving stock: reservation and cart lock released; a retry runs afresh', async () => {
    const { variant, cartId, input, saga } = await startCrashing('reserve');
    expect(await available(sg, variant.id)).toBe(1);
    // Before its lease passes the saga is left alone; after, recovery compensates it.
    expect(await sg.orders.checkout.recoverStale(new Date())).toBe(0);
    expect(await sg.orders.checkout.recoverStale(new Date(Date.now() + 60_000))).toBe(1);
    const after = await sg.prisma.orders.checkoutSaga.findUniqueOrThrow({ where: { id: saga.id } });
    expect(after.status).toBe('ABORTED');
    expect(await available(sg, variant.id)).toBe(3);
    expect(await sg.prisma.orders.order.count({ where: { id: saga.orderId } })).toBe(0);
    // The cart is unlocked and the same key checks out as a new attempt.
    const retry = await sg.gql(CHECKOUT, { i: { ...input, cartId } });
    expect(retry.data.checkout.userErrors).toEqual([]);
    expect(retry.data.checkout.order.id).not.toBe(saga.orderId);
    await untilStatus(retry.data.checkout.order.id, 'PAID');
  });

  it('writes no order for a slow attempt that recovery presumed dead and compensated; its retry runs afresh', async () => {
    let resume: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      resume = resolve;
    });
    const { variant, cartId, input, saga, outcome } = await startCrashing('reserve', 3, gate);
    expect(await sg.orders.checkout.recoverStale(new Date(Date.now() + 60_000))).toBe(1);
    expect(await available(sg, variant.id)).toBe(3);
    // The attempt wakes up holding a reservation that no longer exists: it must not write its order.
    resume();
    await expect(outcome).rejects.toBeInstanceOf(CheckoutUnavailable);
    expect(await sg.prisma.orders.order.count({ where: { id: saga.orderId } })).toBe(0);
    expect((await sg.prisma.orders.checkoutSaga.findUniqueOrThrow({ where: { id: saga.id } })).status).toBe('ABORTED');
    expect(await available(sg, variant.id)).toBe(3);
    const retry = await sg.gql(CHECKOUT, { i: { ...input, cartId } });
    expect(retry.data.checkout.userErrors).toEqual([]);
    expect(retry.data.checkout.order.id).not.toBe(saga.orderId);
    await untilStatus(retry.data.checkout.order.id, 'PAID');
    expect(await available(sg, variant.id)).toBe(1);
  });

  it('releases an aborted attempt whose compensation could not unlock the cart before a retry runs afresh', async () => {
    const { variant, cartId, input, saga } = await startCrashing('reserve');
    // Recovery compensates, but the cart service fails to release its lock.
    const domain = sg.orders;
    const deps = (domain.checkout as any).deps;
    const failingRelease = new CheckoutWorkflow({
      ...deps,
      cart: Object.assign(Object.create(deps.cart), {
        release: async () => {
          throw new Error('cart unavailable');
        },
      }),
      tokens: new OrderTokens('e2e-order-token-secret-0123456789abcdef'),
      logger: silentLogger(),
    });
    expect(await failingRelease.recoverStale(new Date(Date.now() + 60_000))).toBe(1);
    expect((await sg.prisma.orders.checkoutSaga.findUniqueOrThrow({ where: { id: saga.id } })).status).toBe('ABORTED');
    expect(await available(sg, variant.id)).toBe(3);
    // The cart is still locked by the aborted attempt: another checkout of it is refused...
    const other = await sg.gql(CHECKOUT, { i: { ...guestInput(cartId), cartId } });
    expect(other.data.checkout.userErrors.map((e: any) => e.code)).toEqual(['CART_LOCKED']);
    // ...but the buyer's own retry releases the old attempt and checks out as a new one.
    const retry = await sg.gql(CHECKOUT, { i: { ...input, cartId } });
    expect(retry.data.checkout.userErrors).toEqual([]);
    expect(retry.data.checkout.order.id).not.toBe(saga.orderId);
    await untilStatus(retry.data.checkout.order.id, 'PAID');
  });

  it('runs at most its admitted checkouts at once and tells the next one to retry before the router would give up', async () => {
    const deps = (sg.orders.checkout as any).deps;
    let unblock: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    const workflow = new CheckoutWorkflow({
      ...deps,
      inventory: Object.assign(Object.create(deps.inventory), {
        reserve: async (...args: [string, any, number]) => {
          await blocked;
          return deps.inventory.reserve(...args);
        },
      }),
      admission: { concurrency: 1, queueMs: 150 },
      logger: silentLogger(),
    });
    const [v] = await createProduct(sg, admin, [{ price: '5.00', stock: 5 }]);
    const first = (await workflowRequest(v.id, 1)).request;
    const second = (await workflowRequest(v.id, 1)).request;
    const running = workflow.checkout(first, null);
    await waitFor(
      async () => workflow.load,
      (load) => load.running === 1,
    );
    // The slot is taken: the next checkout waits its turn, then is turned away, having written nothing.
    const started = Date.now();
    await expect(workflow.checkout(second, null)).rejects.toBeInstanceOf(CheckoutUnavailable);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await sg.prisma.orders.checkoutSaga.count({ where: { idempotencyKey: second.idempotencyKey } })).toBe(0);
    unblock();
    const outcome = await running;
    expect(outcome.kind).toBe('ORDER');
    expect(workflow.load).toEqual({ running: 0, waiting: 0 });
    // Its retry, with the same key, is admitted now and checks out.
    const retried = await workflow.checkout(second, null);
    expect(retried.kind).toBe('ORDER');
  });

  it('resumes a saga that died after writing its order: the payment is created and the order gets paid', async () => {
    const { variant, input, saga } = await startCrashing('createPayment');
    expect(await statusOf(saga.orderId)).toBe('PENDING_PAYMENT');
    // A client retry meanwhile gets the order, not a second one.
    const retry = await sg.gql(CHECKOUT, { i: input });
    expect(retry.data.checkout.order.id).toBe(saga.orderId);
    expect(await sg.orders.checkout.recoverStale(new Date(Date.now() + 60_000))).toBe(1);
    await untilStatus(saga.orderId, 'PAID');
    const after = await sg.prisma.orders.checkoutSaga.findUniqueOrThrow({ where: { id: saga.id } });
    expect(after.status).toBe('COMPLETED');
    await waitFor(
      () => sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: variant.id } }),
      (r) => r.quantityOnHand === 1,
    );
    expect(
      (await sg.prisma.products.productVariant.findUniqueOrThrow({ where: { id: variant.id } })).quantityOnHand,
    ).toBe(1);
  });
});
