import { randomUUID } from 'node:crypto';
import { captureTraceContext, type OrderEvent } from '@storegraph/events';
import { isUuid, onlyUuids } from '@storegraph/graphql-kit';
import type { DirectSql, RawSql } from '@storegraph/prisma';
import type { CheckoutFieldError, CheckoutRequest } from '../domain/checkout-input.js';
import type { AddressSnapshot, OrderRecord, OrderStatus } from '../domain/order.records.js';
import { eventOfTransition } from '../domain/order-events.js';
import { assertTransition } from '../domain/order-status.js';
import type { PaymentState, ProviderName } from '../domain/ports.js';
import { Prisma } from '../generated/prisma/client.js';
import { type PrismaClient, sqlOf } from './prisma-client.js';

export type SagaStatus = 'RUNNING' | 'COMPLETED' | 'REFUSED' | 'ABORTED';
/**
 * How far a saga got, as far as recovery needs to know: before its order exists
 * (compensate) or after (resume). Rows written before the cart and stock steps stopped
 * being recorded may hold CART_LOCKED or STOCK_RESERVED, which recovery treats as STARTED.
 */
export type SagaStep = 'STARTED' | 'ORDER_CREATED' | 'PAYMENT_CREATED';

export interface SagaRecord {
  id: string;
  ownerKey: string;
  idempotencyKey: string;
  requestHash: string;
  status: SagaStatus;
  step: SagaStep;
  orderId: string;
  cartId: string;
  customerId: string | null;
  input: CheckoutRequest & { email: string };
  refusal: CheckoutFieldError[] | null;
  leaseUntil: Date;
  attempts: number;
}

export interface PaymentRecord {
  id: string;
  orderId: string;
  provider: ProviderName;
  status: PaymentState;
  amountMinor: number;
  currencyCode: string;
  providerRef: string | null;
  clientSecret: string | null;
  approvalUrl: string | null;
  testToken: string | null;
}

export interface NewOrder {
  id: string;
  customerId: string | null;
  email: string;
  currencyCode: string;
  subtotalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  shippingAddress: AddressSnapshot;
  guestTokenHash: string | null;
  cartId: string;
  paymentDueAt: Date;
  lines: Array<{
    variantId: string;
    title: string;
    sku: string;
    quantity: number;
    unitPriceMinor: number;
    lineTotalMinor: number;
  }>;
  payment: { id: string; provider: ProviderName; testToken: string | null };
}

/** What a status change does, decided from the locked order and payment. */
export interface StatusChange {
  to: OrderStatus;
  cause: string;
  paymentStatus?: PaymentState;
  refund?: { id: string; providerRef: string; amountMinor: number; reason: string };
}

/** What a status change decides from the locked order (with its cart id) and its payment; null for no change. */
export type Decide = (
  order: OrderRecord & { cartId: string | null },
  payment: PaymentRecord | null,
) => StatusChange | null | Promise<StatusChange | null>;

/** A payment event recorded once: a repeat of (provider, event id) changes nothing. */
export interface EventSeen {
  provider: ProviderName;
  eventId: string;
  type: string;
}

/** A status change's outcome: the order and its payment after it; `duplicate` for an event seen before. */
export interface ChangeResult {
  order: OrderRecord;
  payment: PaymentRecord | null;
  change: StatusChange | null;
  duplicate: boolean;
}

/**
 * An order's row (`o`, with its cart id) and its payment, read in one statement;
 * `forUpdate` locks the order. With `seen`, the same statement records that payment
 * event (once per provider and event id): `fresh` is false when it was recorded before.
 */
async function orderAndPayment(
  db: RawSql,
  where: Prisma.Sql,
  forUpdate: boolean,
  seen?: EventSeen,
): Promise<{ row: OrderRow; payment: PaymentRecord | null; fresh: boolean } | null> {
  const recorded = seen
    ? Prisma.sql`WITH seen AS (
        INSERT INTO payment_events_seen (provider, event_id, type)
        VALUES (${seen.provider}::"PaymentProvider", ${seen.eventId}, ${seen.type})
        ON CONFLICT DO NOTHING
        RETURNING 1
      )`
    : Prisma.empty;
  const [found] = await db.$queryRaw<Array<OrderRow & { payment: PaymentRecord | null; fresh: boolean }>>`
    ${recorded}
    SELECT ${ORDER_COLUMNS}, ${PAYMENT_JSON} AS payment,
      ${seen ? Prisma.sql`EXISTS (SELECT 1 FROM seen)` : Prisma.sql`true`} AS fresh
    FROM orders o LEFT JOIN payments p ON p.order_id = o.id
    WHERE ${where}
    ${forUpdate ? Prisma.sql`FOR UPDATE OF o` : Prisma.empty}`;
  if (!found) return null;
  const { payment, fresh, ...row } = found;
  return { row, payment, fresh };
}

/** Rolls a status change's transaction back when it finds no order. */
class NoSuchOrder extends Error {}

/** An order row's columns as OrderRecord names them, plus the cart id, for raw statements over `o`. */
const ORDER_COLUMNS = Prisma.sql`o.id::text AS id, o.seq, o.customer_id::text AS "customerId", o.email,
  o.status::text AS status, o.currency_code AS "currencyCode", o.subtotal_minor AS "subtotalMinor",
  o.shipping_minor AS "shippingMinor", o.tax_minor AS "taxMinor", o.total_minor AS "totalMinor",
  o.shipping_address AS "shippingAddress", o.cart_id AS "cartId", o.created_at AS "createdAt",
  o.updated_at AS "updatedAt"`;

/** A payment row as PaymentRecord, as one jsonb (null without a payment), for raw statements over `p`. */
const PAYMENT_JSON = Prisma.sql`CASE WHEN p.id IS NULL THEN NULL ELSE jsonb_build_object(
  'id', p.id::text, 'orderId', p.order_id::text, 'provider', p.provider::text, 'status', p.status::text,
  'amountMinor', p.amount_minor, 'currencyCode', p.currency_code, 'providerRef', p.provider_ref,
  'clientSecret', p.client_secret, 'approvalUrl', p.approval_url, 'testToken', p.test_token) END`;

type OrderRow = Omit<OrderRecord, 'shippingAddress'> & { shippingAddress: unknown; cartId: string | null };

const toOrder = (row: { shippingAddress: unknown; [key: string]: unknown }): OrderRecord => ({
  ...(row as unknown as OrderRecord),
  shippingAddress: row.shippingAddress as AddressSnapshot,
});

/** The orders database: checkout sagas, orders with their payment, status changes with their events. */
/** Told of every status change once it has committed (metrics); never inside a transaction. */
export type TransitionObserver = (change: {
  from: OrderStatus | null;
  to: OrderStatus;
  provider: ProviderName | null;
}) => void;

export class PrismaOrderStore {
  /**
   * The raw statements of every checkout and payment event (claims, the order's write,
   * status changes) run here, without Prisma's engine; model queries stay on Prisma.
   */
  private readonly sql: DirectSql;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly onTransition: TransitionObserver = () => {},
  ) {
    this.sql = sqlOf(prisma);
  }

  // ------------------------------------------------------------------ checkout sagas

  /** Creates the saga for (owner, key), or answers the existing one: concurrent duplicates meet here. */
  async claimCheckout(saga: {
    ownerKey: string;
    idempotencyKey: string;
    requestHash: string;
    cartId: string;
    customerId: string | null;
    input: SagaRecord['input'];
    leaseMs: number;
  }): Promise<{ created: boolean; saga: SagaRecord }> {
    const id = randomUUID();
    const orderId = randomUUID();
    const inserted = await this.sql.$queryRaw<Array<{ leaseUntil: Date }>>`
      INSERT INTO checkout_sagas (id, owner_key, idempotency_key, request_hash, order_id, cart_id, customer_id, input, lease_until, updated_at)
      VALUES (${id}::uuid, ${saga.ownerKey}, ${saga.idempotencyKey}, ${saga.requestHash}, ${orderId}::uuid,
        ${saga.cartId}, ${saga.customerId}::uuid, ${JSON.stringify(saga.input)}::jsonb,
        now() + make_interval(secs => ${saga.leaseMs / 1000}), now())
      ON CONFLICT (owner_key, idempotency_key) DO NOTHING
      RETURNING lease_until AS "leaseUntil"`;
    const created = inserted[0];
    if (created) {
      // The row as inserted: reading it back would cost a round trip on every checkout.
      return {
        created: true,
        saga: {
          id,
          ownerKey: saga.ownerKey,
          idempotencyKey: saga.idempotencyKey,
          requestHash: saga.requestHash,
          status: 'RUNNING',
          step: 'STARTED',
          orderId,
          cartId: saga.cartId,
          customerId: saga.customerId,
          input: saga.input,
          refusal: null,
          leaseUntil: created.leaseUntil,
          attempts: 1,
        },
      };
    }
    const row = await this.prisma.checkoutSaga.findUniqueOrThrow({
      where: { ownerKey_idempotencyKey: { ownerKey: saga.ownerKey, idempotencyKey: saga.idempotencyKey } },
    });
    return { created: false, saga: row as unknown as SagaRecord };
  }

  async saga(id: string): Promise<SagaRecord | null> {
    return (await this.prisma.checkoutSaga.findUnique({ where: { id } })) as unknown as SagaRecord | null;
  }

  /** Runs an aborted checkout again, as a new attempt with a new order id; false when it is not ABORTED. */
  async restartCheckout(id: string, leaseMs: number): Promise<boolean> {
    const count = await this.sql.$executeRaw`
      UPDATE checkout_sagas SET status = 'RUNNING', step = 'STARTED', order_id = ${randomUUID()}::uuid,
        attempts = attempts + 1, lease_until = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
      WHERE id = ${id}::uuid AND status = 'ABORTED'`;
    return count === 1;
  }

  /** The saga's end when its attempt stores no provider answer (created before it, or refused for good). */
  async completeSaga(id: string): Promise<void> {
    await this.sql.$executeRaw`
      UPDATE checkout_sagas SET step = 'PAYMENT_CREATED', status = 'COMPLETED', updated_at = now()
      WHERE id = ${id}::uuid`;
  }

  /**
   * Closes a running saga whose order was never written (refused, or aborted to be
   * compensated). False when it was not running before its order: another process
   * closed it first, or its order exists (then it is resumed, never compensated).
   */
  async finishSaga(id: string, status: 'REFUSED' | 'ABORTED', refusal?: CheckoutFieldError[]): Promise<boolean> {
    const count = await this.sql.$executeRaw`
      UPDATE checkout_sagas SET status = ${status}::"CheckoutStatus",
        refusal = ${refusal ? JSON.stringify(refusal) : null}::jsonb, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'RUNNING' AND step NOT IN ('ORDER_CREATED', 'PAYMENT_CREATED')`;
    return count === 1;
  }

  /**
   * Claims running sagas whose lease passed (their process presumably died): each is
   * leased to the caller for `leaseMs`, so replicas never recover the same one at once.
   */
  async claimStaleSagas(now: Date, leaseMs: number, limit = 20): Promise<SagaRecord[]> {
    const ids = await this.sql.$queryRaw<Array<{ id: string }>>`
      UPDATE checkout_sagas SET lease_until = ${now}::timestamptz + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
      WHERE id IN (SELECT id FROM checkout_sagas WHERE status = 'RUNNING' AND lease_until < ${now}::timestamptz
        ORDER BY lease_until LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (ids.length === 0) return [];
    return (await this.prisma.checkoutSaga.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
    })) as unknown as SagaRecord[];
  }

  // ------------------------------------------------------------------ orders

  /**
   * The order, its lines, its payment, its first transition and OrderPlacedV1, and the
   * saga's step, in one statement (so one transaction and one round trip: this runs on
   * every checkout). `created` is false when the order existed already (nothing written).
   * The order is written only while its saga is running with this order id, the saga's
   * row locked meanwhile: null when the saga was closed (recovery presumed this attempt
   * dead and compensated it, releasing its stock), so a late attempt never writes an
   * order whose stock is gone.
   */
  async createOrder(sagaId: string, order: NewOrder): Promise<{ order: OrderRecord; created: boolean } | null> {
    const event = eventOfTransition(order, null, 'PENDING_PAYMENT', 'checkout');
    const traceContext = captureTraceContext();
    const lines = order.lines.map((line, position) => ({
      variant_id: line.variantId,
      title: line.title,
      sku: line.sku,
      quantity: line.quantity,
      unit_price_minor: line.unitPriceMinor,
      line_total_minor: line.lineTotalMinor,
      position,
    }));
    const rows = await this.sql.$queryRaw<Array<Record<string, unknown> & { shippingAddress: unknown }>>`
      WITH s AS (
        SELECT id FROM checkout_sagas
        WHERE id = ${sagaId}::uuid AND status = 'RUNNING' AND order_id = ${order.id}::uuid
        FOR UPDATE
      ), o AS (
        INSERT INTO orders (id, customer_id, email, currency_code, subtotal_minor, shipping_minor, tax_minor, total_minor,
          shipping_address, guest_token_hash, cart_id, payment_due_at, updated_at)
        SELECT ${order.id}::uuid, ${order.customerId}::uuid, ${order.email}, ${order.currencyCode}, ${order.subtotalMinor}::int,
          ${order.shippingMinor}::int, ${order.taxMinor}::int, ${order.totalMinor}::int, ${JSON.stringify(order.shippingAddress)}::jsonb,
          ${order.guestTokenHash}, ${order.cartId}, ${order.paymentDueAt}::timestamptz, now()
        FROM s
        ON CONFLICT (id) DO NOTHING
        RETURNING *
      ), order_lines_written AS (
        INSERT INTO order_lines (id, order_id, variant_id, title, sku, quantity, unit_price_minor, line_total_minor, position)
        SELECT gen_random_uuid(), o.id, l.variant_id, l.title, l.sku, l.quantity, l.unit_price_minor, l.line_total_minor, l.position
        FROM o, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
          AS l(variant_id uuid, title text, sku text, quantity int, unit_price_minor int, line_total_minor int, position int)
      ), payment_written AS (
        INSERT INTO payments (id, order_id, provider, amount_minor, currency_code, test_token, updated_at)
        SELECT ${order.payment.id}::uuid, o.id, ${order.payment.provider}::"PaymentProvider", o.total_minor, o.currency_code,
          ${order.payment.testToken}, now()
        FROM o
      ), transition_written AS (
        INSERT INTO order_transitions (order_id, from_status, to_status, cause)
        SELECT o.id, NULL::"OrderStatus", 'PENDING_PAYMENT'::"OrderStatus", 'checkout' FROM o
      ), event_written AS (
        INSERT INTO outbox_events (id, type, aggregate_id, payload, trace_context)
        SELECT ${randomUUID()}::uuid, ${event?.type}, o.id, ${JSON.stringify(event)}::jsonb,
          ${traceContext ? JSON.stringify(traceContext) : null}::jsonb FROM o
      ), saga_step AS (
        UPDATE checkout_sagas SET step = 'ORDER_CREATED', updated_at = now()
        FROM s, o WHERE checkout_sagas.id = s.id
      )
      SELECT ${ORDER_COLUMNS} FROM o`;
    const row = rows[0];
    if (!row) {
      const existing = await this.prisma.order.findUnique({ where: { id: order.id } });
      return existing ? { order: toOrder(existing), created: false } : null;
    }
    this.onTransition({ from: null, to: 'PENDING_PAYMENT', provider: order.payment.provider });
    return { order: toOrder(row), created: true };
  }

  async order(id: string): Promise<(OrderRecord & { guestTokenHash: string | null; cartId: string | null }) | null> {
    if (!isUuid(id)) return null;
    const row = await this.prisma.order.findUnique({ where: { id } });
    return row ? { ...toOrder(row), guestTokenHash: row.guestTokenHash, cartId: row.cartId } : null;
  }

  /** The order and its payment in one statement (a checkout's answer shows both); null without the order. */
  async orderWithPayment(id: string): Promise<{ order: OrderRecord; payment: PaymentRecord | null } | null> {
    if (!isUuid(id)) return null;
    const found = await orderAndPayment(this.sql, Prisma.sql`o.id = ${id}::uuid`, false);
    return found ? { order: toOrder(found.row), payment: found.payment } : null;
  }

  async paymentsOfOrders(orderIds: readonly string[]): Promise<PaymentRecord[]> {
    const ids = onlyUuids(orderIds);
    if (ids.length === 0) return [];
    return (await this.prisma.payment.findMany({ where: { orderId: { in: ids } } })) as PaymentRecord[];
  }

  async payment(id: string): Promise<PaymentRecord | null> {
    if (!isUuid(id)) return null;
    return (await this.prisma.payment.findUnique({ where: { id } })) as PaymentRecord | null;
  }

  async transitionsOf(orderId: string) {
    return this.prisma.orderTransition.findMany({ where: { orderId }, orderBy: { id: 'asc' } });
  }

  /**
   * Stores what the provider answered at creation, unless an event already moved the
   * payment on, and completes its checkout saga: one statement.
   */
  async paymentCreated(
    paymentId: string,
    created: { ref: string; status: PaymentState; clientSecret?: string | null; approvalUrl?: string | null },
    sagaId: string,
  ): Promise<void> {
    // The status only while no event has moved the payment on.
    await this.sql.$executeRaw`
      WITH payment_written AS (
        UPDATE payments SET provider_ref = ${created.ref}, client_secret = ${created.clientSecret ?? null},
          approval_url = ${created.approvalUrl ?? null},
          status = CASE WHEN status IN ('PROCESSING', 'REQUIRES_ACTION') THEN ${created.status}::"PaymentStatus" ELSE status END,
          updated_at = now()
        WHERE id = ${paymentId}::uuid
      )
      UPDATE checkout_sagas SET step = 'PAYMENT_CREATED', status = 'COMPLETED', updated_at = now()
      WHERE id = ${sagaId}::uuid`;
  }

  /**
   * Changes an order's status under a row lock: `decide` sees the current order and
   * payment and answers the change (or null for none). `decide` may call a payment
   * provider (a refund): the order stays locked meanwhile, so no other change (a
   * fulfilment, another refund) can interleave between the money moving and its record. The change, its transition
   * record, the payment's new status, a refund and the order event commit together.
   * An illegal change throws IllegalTransition and nothing is written. Answers the
   * order and its payment as they are after the change.
   */
  async changeStatus(orderId: string, decide: Decide, options: { eventId?: EventSeen } = {}): Promise<ChangeResult> {
    const result = await this.changeLocked(Prisma.sql`o.id = ${orderId}::uuid`, decide, options);
    if (!result) throw new Error(`order ${orderId} not found`);
    return result;
  }

  /**
   * changeStatus for the order of a payment of this provider, found in the same
   * statement that locks the order (a provider's event names the payment, not the
   * order). Null, with nothing written, when there is no such payment.
   */
  async changeStatusOfPayment(
    paymentId: string,
    provider: ProviderName,
    decide: Decide,
    options: { eventId?: EventSeen } = {},
  ): Promise<ChangeResult | null> {
    if (!isUuid(paymentId)) return null;
    return this.changeLocked(
      Prisma.sql`o.id = (SELECT order_id FROM payments WHERE id = ${paymentId}::uuid AND provider = ${provider}::"PaymentProvider")`,
      decide,
      options,
    );
  }

  private async changeLocked(
    where: Prisma.Sql,
    decide: Decide,
    options: { eventId?: EventSeen },
  ): Promise<ChangeResult | null> {
    let committed: Parameters<TransitionObserver>[0] | undefined;
    const result = await this.sql
      .$transaction(
        async (tx): Promise<ChangeResult> => {
          // The order locked and read with its payment, and the event recorded as seen: one statement.
          const locked = await orderAndPayment(tx, where, true, options.eventId);
          // Thrown, not answered: an event of an unknown payment must not stay recorded as seen.
          if (!locked) throw new NoSuchOrder();
          if (!locked.fresh) {
            return { order: toOrder(locked.row), payment: locked.payment, change: null, duplicate: true };
          }
          const { payment, row } = locked;
          const order = toOrder(row);
          const change = await decide({ ...order, cartId: row.cartId }, payment);
          if (!change) return { order, payment, change: null, duplicate: false };
          const paymentStatus =
            payment && change.paymentStatus && change.paymentStatus !== payment.status ? change.paymentStatus : null;
          const paymentAfter = payment && paymentStatus ? { ...payment, status: paymentStatus } : payment;
          if (payment && change.refund) {
            const { id, providerRef, amountMinor, reason } = change.refund;
            await tx.$executeRaw`
              INSERT INTO refunds (id, payment_id, amount_minor, provider_ref, reason)
              VALUES (${id}::uuid, ${payment.id}::uuid, ${amountMinor}::int, ${providerRef}, ${reason})
              ON CONFLICT (payment_id, provider_ref) DO NOTHING`;
          }
          if (change.to === order.status) {
            if (payment && paymentStatus) {
              await tx.$executeRaw`
                UPDATE payments SET status = ${paymentStatus}::"PaymentStatus", updated_at = now()
                WHERE id = ${payment.id}::uuid`;
            }
            return { order, payment: paymentAfter, change, duplicate: false };
          }
          assertTransition(order.status, change.to);
          const updated = await this.transition(
            tx,
            row,
            order.status,
            change,
            payment && paymentStatus ? { id: payment.id, status: paymentStatus } : null,
          );
          committed = { from: order.status, to: change.to, provider: payment?.provider ?? null };
          return { order: toOrder(updated), payment: paymentAfter, change, duplicate: false };
        },
        { timeout: 30_000 },
      ) // a provider's refund call may run while the order is locked
      .catch((error: unknown) => {
        if (error instanceof NoSuchOrder) return null;
        throw error;
      });
    if (committed) this.onTransition(committed);
    return result;
  }

  /** Unpaid orders whose payment is due (their reservation is about to lapse). */
  async dueOrders(now: Date, limit = 100): Promise<string[]> {
    const rows = await this.prisma.order.findMany({
      where: { status: 'PENDING_PAYMENT', paymentDueAt: { lte: now } },
      select: { id: true },
      orderBy: { paymentDueAt: 'asc' },
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  /**
   * Payments whose outcome may have been missed: still pending after `olderThan`, or
   * succeeded on an order that was cancelled or failed meanwhile (to be refunded).
   */
  async paymentsToReconcile(olderThan: Date, limit = 50): Promise<PaymentRecord[]> {
    return (await this.prisma.payment.findMany({
      where: {
        providerRef: { not: null },
        OR: [
          { status: 'PROCESSING', updatedAt: { lte: olderThan }, order: { status: 'PENDING_PAYMENT' } },
          { status: 'SUCCEEDED', order: { status: { in: ['CANCELLED', 'PAYMENT_FAILED'] } } },
        ],
      },
      take: limit,
    })) as PaymentRecord[];
  }

  /**
   * A status change's writes in one statement: the order's new status, the payment's
   * (when it changes with it), the transition record and the order event. Answers the
   * updated order (with its cart id).
   */
  private async transition(
    tx: RawSql,
    order: OrderRow,
    from: OrderStatus,
    change: StatusChange,
    payment: { id: string; status: PaymentState } | null,
  ): Promise<OrderRow> {
    const event: OrderEvent | null = eventOfTransition(order, from, change.to, change.cause);
    const traceContext = captureTraceContext();
    const [updated] = await tx.$queryRaw<OrderRow[]>`
      WITH o AS (
        UPDATE orders SET status = ${change.to}::"OrderStatus", updated_at = now()
        WHERE id = ${order.id}::uuid
        RETURNING *
      ), payment_written AS (
        UPDATE payments SET status = ${payment?.status ?? null}::"PaymentStatus", updated_at = now()
        WHERE id = ${payment?.id ?? null}::uuid
      ), transition_written AS (
        INSERT INTO order_transitions (order_id, from_status, to_status, cause)
        SELECT o.id, ${from}::"OrderStatus", o.status, ${change.cause} FROM o
      ), event_written AS (
        INSERT INTO outbox_events (id, type, aggregate_id, payload, trace_context)
        SELECT ${randomUUID()}::uuid, ${event?.type ?? null}, o.id, ${event ? JSON.stringify(event) : null}::jsonb,
          ${traceContext ? JSON.stringify(traceContext) : null}::jsonb
        FROM o WHERE ${event !== null}::boolean
      )
      SELECT ${ORDER_COLUMNS} FROM o`;
    if (!updated) throw new Error(`order ${order.id} not found`);
    return updated;
  }
}
