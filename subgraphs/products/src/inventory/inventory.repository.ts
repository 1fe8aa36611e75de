import type { RawSql } from '@storegraph/prisma';
import { Prisma } from '../generated/prisma/client.js';

/** One reservation row of an order. */
export interface ReservationRow {
  variantId: string;
  productId: string;
  quantity: number;
  status: 'RESERVED' | 'COMMITTED' | 'RELEASED' | 'RETURNED';
  expiresAt: Date;
}

/** A variant's sale data, as a reservation answers it. */
export interface VariantSaleRow {
  variantId: string;
  productId: string;
  sku: string;
  variantTitle: string;
  productTitle: string;
  priceMinor: number;
  currencyCode: string;
}

/** Stock of a variant; deleted is true when its product is soft-deleted. */
export interface VariantStockRow {
  variantId: string;
  available: number;
  deleted: boolean;
}

/** Which rows each settlement moves, and the status it gives them. */
export const SETTLEMENTS = {
  commit: { from: 'RESERVED', to: 'COMMITTED' },
  release: { from: 'RESERVED', to: 'RELEASED' },
  return: { from: 'COMMITTED', to: 'RETURNED' },
} as const;

/**
 * The SET list of a settlement's stock move on product_variants: `commit` takes the
 * units off the shelf (on hand and reserved both drop), `release` gives them back
 * (reserved drops), `return` puts sold units back on the shelf (on hand grows).
 */
function stockMove(mode: keyof typeof SETTLEMENTS, quantity: Prisma.Sql): Prisma.Sql {
  if (mode === 'commit') {
    return Prisma.sql`quantity_on_hand = quantity_on_hand - ${quantity}, quantity_reserved = quantity_reserved - ${quantity}`;
  }
  if (mode === 'release') return Prisma.sql`quantity_reserved = quantity_reserved - ${quantity}`;
  return Prisma.sql`quantity_on_hand = quantity_on_hand + ${quantity}`;
}

/**
 * SQL of the inventory, all raw (the service runs it on DirectSql, without Prisma's
 * engine). Every method runs on the transaction it is given; the service owns the
 * transactions and the order in which rows are locked.
 */
export class InventoryRepository {
  /**
   * Serialises every operation on one order id (reserve, commit, release) for the rest
   * of the transaction, so two of them never interleave: a transaction-scoped advisory
   * lock on a 64-bit hash of the id (a collision only serialises two unrelated orders).
   */
  async lockOrder(tx: RawSql, orderId: string): Promise<void> {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${orderId}::text, 0))::text AS locked`;
  }

  /** The order's reservation rows in variant id order; `forUpdate` locks them. */
  async orderReservations(tx: RawSql, orderId: string, forUpdate: boolean): Promise<ReservationRow[]> {
    const lock = forUpdate ? Prisma.sql`FOR UPDATE OF r` : Prisma.empty;
    return tx.$queryRaw<ReservationRow[]>`
      SELECT r.variant_id::text AS "variantId", v.product_id::text AS "productId", r.quantity,
             r.status::text AS status, r.expires_at AS "expiresAt"
      FROM stock_reservations r JOIN product_variants v ON v.id = r.variant_id
      WHERE r.order_id = ${orderId}
      ORDER BY r.variant_id
      ${lock}`;
  }

  /**
   * The conditional update of one reservation line: holds `quantity` more units of a
   * live variant only if that many are available. Returns the variant's sale data, or
   * null when nothing was updated (unknown or deleted variant, or not enough stock).
   * With `reservation` (an order of this one line), the same statement writes the
   * order's reservation row when the units were held.
   */
  async holdStock(
    tx: RawSql,
    variantId: string,
    quantity: number,
    reservation?: { orderId: string; expiresAt: Date },
  ): Promise<VariantSaleRow | null> {
    const rows = await tx.$queryRaw<VariantSaleRow[]>`
      WITH held AS (
        UPDATE product_variants v
        SET quantity_reserved = v.quantity_reserved + ${quantity}::int, updated_at = now()
        FROM products p
        WHERE v.id = ${variantId}::uuid
          AND p.id = v.product_id
          AND p.deleted_at IS NULL
          AND v.quantity_on_hand - v.quantity_reserved >= ${quantity}::int
        RETURNING v.id, v.product_id, v.sku, v.title AS variant_title, p.title AS product_title, v.price_minor, p.currency_code
      ), reserved AS (
        INSERT INTO stock_reservations (id, order_id, variant_id, quantity, expires_at, updated_at)
        SELECT gen_random_uuid(), ${reservation?.orderId ?? null}, held.id, ${quantity}::int,
               ${reservation?.expiresAt ?? null}::timestamptz, now()
        FROM held WHERE ${reservation !== undefined}::boolean
      )
      SELECT id::text AS "variantId", product_id::text AS "productId", sku, variant_title AS "variantTitle",
             product_title AS "productTitle", price_minor AS "priceMinor", currency_code::text AS "currencyCode"
      FROM held`;
    return rows[0] ?? null;
  }

  /** Current stock of these variants (for a refusal's shortages); unknown ids are absent. */
  async variantStock(tx: RawSql, variantIds: string[]): Promise<VariantStockRow[]> {
    if (variantIds.length === 0) return [];
    return tx.$queryRaw<VariantStockRow[]>`
      SELECT v.id::text AS "variantId", GREATEST(v.quantity_on_hand - v.quantity_reserved, 0)::int AS available,
             (p.deleted_at IS NOT NULL) AS deleted
      FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE v.id = ANY(${variantIds}::uuid[])`;
  }

  /** Sale data of these variants (deleted products included), for replaying a reservation. */
  async variantSaleData(tx: RawSql, variantIds: string[]): Promise<VariantSaleRow[]> {
    if (variantIds.length === 0) return [];
    return tx.$queryRaw<VariantSaleRow[]>`
      SELECT v.id::text AS "variantId", v.product_id::text AS "productId", v.sku, v.title AS "variantTitle",
             p.title AS "productTitle", v.price_minor AS "priceMinor", p.currency_code::text AS "currencyCode"
      FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE v.id = ANY(${variantIds}::uuid[])
      ORDER BY v.id`;
  }

  async insertReservations(
    tx: RawSql,
    orderId: string,
    lines: Array<{ variantId: string; quantity: number }>,
    expiresAt: Date,
  ): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO stock_reservations (id, order_id, variant_id, quantity, expires_at, updated_at)
      SELECT gen_random_uuid(), ${orderId}, l.variant_id, l.quantity, ${expiresAt}::timestamptz, now()
      FROM unnest(${lines.map((l) => l.variantId)}::uuid[], ${lines.map((l) => l.quantity)}::int[]) AS l(variant_id, quantity)`;
  }

  /**
   * Moves stock for reservations that end (stockMove). With `orderId`, that
   * order's rows get the settlement's status (SETTLEMENTS), in the same statement when
   * the order has one variant. Callers pass the lines sorted by variant id, the order
   * rows are locked in.
   */
  async settleStock(
    tx: RawSql,
    lines: Array<{ variantId: string; quantity: number }>,
    mode: keyof typeof SETTLEMENTS,
    orderId?: string,
  ): Promise<void> {
    const { from, to } = SETTLEMENTS[mode];
    const setStatus =
      orderId === undefined
        ? undefined
        : Prisma.sql`UPDATE stock_reservations SET status = ${to}::"ReservationStatus", updated_at = now()
            WHERE order_id = ${orderId} AND status = ${from}::"ReservationStatus"`;
    const together = setStatus !== undefined && lines.length === 1;
    for (const line of lines) {
      const [moved] = await tx.$queryRaw<Array<{ n: number }>>`
        WITH moved AS (
          UPDATE product_variants SET ${stockMove(mode, Prisma.sql`${line.quantity}::int`)}, updated_at = now()
          WHERE id = ${line.variantId}::uuid
          RETURNING 1
        )${together ? Prisma.sql`, status_set AS (${setStatus})` : Prisma.empty}
        SELECT count(*)::int AS n FROM moved`;
      if (moved?.n !== 1) throw new Error(`variant ${line.variantId} of a reservation is missing`);
    }
    if (setStatus && !together) await tx.$executeRaw`${setStatus}`;
  }

  /**
   * Commits an order of one held line in one statement, outside a transaction: when
   * the order has exactly one reservation row and it is RESERVED, the row is locked,
   * the variant's units move from held to sold and the row becomes COMMITTED. Returns
   * the row as it was, or null when the order is anything else (no row, several, one
   * not held), and then nothing changed: the caller settles it the long way, under the
   * order's lock.
   *
   * Safe without that lock: every change to a reservation row locks the row first,
   * and a row changed by another transaction while this statement waited for it is
   * read again as committed (READ COMMITTED's re-check), so a row released, expired or
   * committed meanwhile is seen as such and this statement changes nothing. Rows a
   * reservation is still writing are not visible yet: nothing changes, and the long way
   * waits for the reservation's lock. Locks are taken in the usual order (the
   * reservation row, then its variant, which exists while a row refers to it).
   */
  async commitSingleHeldLine(db: RawSql, orderId: string): Promise<ReservationRow | null> {
    const rows = await db.$queryRaw<ReservationRow[]>`
      WITH target AS (
        SELECT r.id, r.variant_id, r.quantity, r.status, r.expires_at, v.product_id
        FROM stock_reservations r JOIN product_variants v ON v.id = r.variant_id
        WHERE r.order_id = ${orderId}
        FOR UPDATE OF r
      ), verdict AS (
        SELECT count(*) = 1 AND bool_and(status = ${SETTLEMENTS.commit.from}::"ReservationStatus") AS go FROM target
      ), moved AS (
        UPDATE product_variants v SET ${stockMove('commit', Prisma.sql`t.quantity`)}, updated_at = now()
        FROM target t, verdict
        WHERE verdict.go AND v.id = t.variant_id
      ), settled AS (
        UPDATE stock_reservations r SET status = ${SETTLEMENTS.commit.to}::"ReservationStatus", updated_at = now()
        FROM target t, verdict
        WHERE verdict.go AND r.id = t.id
      )
      SELECT t.variant_id::text AS "variantId", t.product_id::text AS "productId", t.quantity,
             t.status::text AS status, t.expires_at AS "expiresAt"
      FROM target t, verdict
      WHERE verdict.go`;
    return rows[0] ?? null;
  }

  /**
   * Ids of up to `limit` orders with expired RESERVED rows whose advisory lock this
   * transaction could take without waiting: orders another replica (or a commit or
   * release) is working on are skipped, not waited for.
   */
  async claimExpiredOrders(tx: RawSql, now: Date, limit: number): Promise<string[]> {
    const rows = await tx.$queryRaw<Array<{ orderId: string }>>`
      SELECT c.order_id AS "orderId"
      FROM (
        SELECT DISTINCT order_id FROM stock_reservations
        WHERE status = 'RESERVED' AND expires_at <= ${now}::timestamptz
        ORDER BY order_id
        LIMIT ${limit}::int
      ) c
      WHERE pg_try_advisory_xact_lock(hashtextextended(c.order_id, 0))`;
    return rows.map((row) => row.orderId);
  }

  /** Locks (skipping rows locked elsewhere) and releases the expired RESERVED rows of these orders. */
  async releaseExpiredRows(tx: RawSql, orderIds: string[], now: Date): Promise<ReservationRow[]> {
    if (orderIds.length === 0) return [];
    const rows = await tx.$queryRaw<Array<ReservationRow & { id: string }>>`
      SELECT r.id::text AS id, r.variant_id::text AS "variantId", v.product_id::text AS "productId", r.quantity,
             r.status::text AS status, r.expires_at AS "expiresAt"
      FROM stock_reservations r JOIN product_variants v ON v.id = r.variant_id
      WHERE r.order_id = ANY(${orderIds}::text[]) AND r.status = 'RESERVED' AND r.expires_at <= ${now}::timestamptz
      ORDER BY r.variant_id, r.id
      FOR UPDATE OF r SKIP LOCKED`;
    if (rows.length === 0) return [];
    await tx.$executeRaw`
      UPDATE stock_reservations SET status = 'RELEASED', updated_at = now()
      WHERE id = ANY(${rows.map((row) => row.id)}::uuid[])`;
    return rows.map(({ id: _id, ...row }) => row);
  }
}
