import { isUuid } from '@storegraph/graphql-kit';
import type { Logger } from '@storegraph/logger';
import type { DirectSql, RawSql } from '@storegraph/prisma';
import { recordProductsChanged } from '../data/catalog-documents.js';
import { type PrismaClient, sqlOf } from '../data/prisma-client.js';
import {
  InventoryRepository,
  type ReservationRow,
  SETTLEMENTS,
  type VariantSaleRow,
  type VariantStockRow,
} from './inventory.repository.js';

/** Codes of refused inventory operations (see README.md for the HTTP status of each). */
export type InventoryErrorCode =
  | 'INVALID_INPUT'
  | 'ORDER_ID_REUSED'
  | 'NOT_FOUND'
  | 'RESERVATION_EXPIRED'
  | 'RESERVATION_RELEASED'
  | 'ALREADY_COMMITTED';

/** A refusal whose message is safe to show to the calling service. */
export class InventoryError extends Error {
  constructor(
    readonly code: InventoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InventoryError';
  }
}

export interface ReserveLineInput {
  variantId: string;
  quantity: number;
}

export interface ReservedLine {
  variantId: string;
  productId: string;
  sku: string;
  productTitle: string;
  variantTitle: string;
  quantity: number;
  /** Authoritative unit price in minor units of currencyCode. */
  unitPriceMinor: number;
  currencyCode: string;
}

export interface Shortage {
  variantId: string;
  requested: number;
  /** Units available when the reservation was refused (0 for an unknown variant). */
  available: number;
  reason: 'INSUFFICIENT_STOCK' | 'VARIANT_NOT_FOUND';
}

/**
 * What keeps a line from being held now: an unknown or deleted variant, or fewer than
 * the requested units `available` (the row's own count unless the caller knows better).
 */
function shortageOf(
  line: ReserveLineInput,
  row: VariantStockRow | undefined,
  available = row?.available ?? 0,
): Shortage | null {
  if (!row || row.deleted) {
    return { variantId: line.variantId, requested: line.quantity, available: 0, reason: 'VARIANT_NOT_FOUND' };
  }
  if (available < line.quantity) {
    return { variantId: line.variantId, requested: line.quantity, available, reason: 'INSUFFICIENT_STOCK' };
  }
  return null;
}

/** A refusal's status: VARIANT_NOT_FOUND when any line names an unknown or deleted variant. */
const refusalStatus = (shortages: Shortage[]): 'OUT_OF_STOCK' | 'VARIANT_NOT_FOUND' =>
  shortages.some((s) => s.reason === 'VARIANT_NOT_FOUND') ? 'VARIANT_NOT_FOUND' : 'OUT_OF_STOCK';

export type ReserveResult =
  | {
      /** RESERVED, or COMMITTED when a repeated request finds the order already committed. */
      status: 'RESERVED' | 'COMMITTED';
      orderId: string;
      expiresAt: Date;
      /** True when the order already had these reservations and nothing changed. */
      replayed: boolean;
      lines: ReservedLine[];
    }
  | {
      /** VARIANT_NOT_FOUND when any line names an unknown or deleted variant, else OUT_OF_STOCK. */
      status: 'OUT_OF_STOCK' | 'VARIANT_NOT_FOUND';
      orderId: string;
      shortages: Shortage[];
    };

export type QuoteResult =
  | { status: 'PRICED'; lines: ReservedLine[] }
  | { status: 'OUT_OF_STOCK' | 'VARIANT_NOT_FOUND'; shortages: Shortage[] };

export interface SettleResult {
  orderId: string;
  status: 'COMMITTED' | 'RELEASED' | 'RETURNED';
  /** False when the call found the order already in that state (an idempotent repeat). */
  changed: boolean;
  lines: Array<{ variantId: string; quantity: number }>;
}

export interface InventoryServiceOptions {
  /** The clock that sets expiry times; tests may move it. */
  now?: () => Date;
  /** Longest wait for a pooled connection before a transaction fails. */
  maxWaitMs?: number;
  /** Longest a reservation transaction may run. */
  transactionTimeoutMs?: number;
}

export interface ExpiryJob {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export const ORDER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
export const MAX_LINES = 100;
export const MAX_QUANTITY = 999;
export const MAX_TTL_SECONDS = 24 * 60 * 60;
export const DEFAULT_TTL_SECONDS = 15 * 60;
const EXPIRY_BATCH_ORDERS = 200;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks an order id; throws INVALID_INPUT. */
export function validateOrderId(orderId: unknown): string {
  if (typeof orderId !== 'string' || !ORDER_ID_PATTERN.test(orderId)) {
    throw new InventoryError(
      'INVALID_INPUT',
      'orderId must be 1 to 100 characters of A-Z, a-z, 0-9, ".", "_", ":", "-"',
    );
  }
  return orderId;
}

/**
 * Checks reservation lines and merges lines of the same variant. Returns them sorted
 * by variant id (lower case): the order every transaction locks variants in.
 */
export function normaliseLines(lines: unknown): ReserveLineInput[] {
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_LINES) {
    throw new InventoryError('INVALID_INPUT', `lines must be an array of 1 to ${MAX_LINES} lines`);
  }
  const merged = new Map<string, number>();
  lines.forEach((line: unknown, index) => {
    if (!isRecord(line)) throw new InventoryError('INVALID_INPUT', `lines[${index}] must be an object`);
    const { variantId, quantity } = line;
    if (typeof variantId !== 'string' || !isUuid(variantId)) {
      throw new InventoryError('INVALID_INPUT', `lines[${index}].variantId must be a UUID`);
    }
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw new InventoryError(
        'INVALID_INPUT',
        `lines[${index}].quantity must be an integer from 1 to ${MAX_QUANTITY}`,
      );
    }
    const id = variantId.toLowerCase();
    merged.set(id, (merged.get(id) ?? 0) + quantity);
  });
  const result = [...merged].map(([variantId, quantity]) => ({ variantId, quantity }));
  for (const line of result) {
    if (line.quantity > MAX_QUANTITY) {
      throw new InventoryError(
        'INVALID_INPUT',
        `the lines of variant ${line.variantId} add up to more than ${MAX_QUANTITY} units`,
      );
    }
  }
  return result.sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}

function validateTtl(ttlSeconds: unknown): number {
  if (ttlSeconds === undefined) return DEFAULT_TTL_SECONDS;
  if (
    typeof ttlSeconds !== 'number' ||
    !Number.isInteger(ttlSeconds) ||
    ttlSeconds < 1 ||
    ttlSeconds > MAX_TTL_SECONDS
  ) {
    throw new InventoryError('INVALID_INPUT', `ttlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  }
  return ttlSeconds;
}

/** Thrown inside a reservation transaction to roll it back; carries the refusal out. */
class Refusal extends Error {
  constructor(readonly result: ReserveResult) {
    super('reservation refused');
  }
}

const toReservedLine = (sale: VariantSaleRow, quantity: number): ReservedLine => ({
  variantId: sale.variantId,
  productId: sale.productId,
  sku: sale.sku,
  productTitle: sale.productTitle,
  variantTitle: sale.variantTitle,
  quantity,
  unitPriceMinor: sale.priceMinor,
  currencyCode: sale.currencyCode,
});

/** Sums quantities per variant, sorted by variant id (the lock order). */
function perVariant(rows: ReservationRow[]): Array<{ variantId: string; quantity: number }> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(row.variantId, (sums.get(row.variantId) ?? 0) + row.quantity);
  return [...sums]
    .map(([variantId, quantity]) => ({ variantId, quantity }))
    .sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}

const productIdsOf = (rows: Array<{ productId: string }>) => [...new Set(rows.map((row) => row.productId))];

/**
 * Stock reservations for the checkout saga (orders reserves, then commits or releases).
 *
 * Invariants (also enforced by CHECK constraints): 0 <= reserved <= on hand; available
 * = on hand - reserved. Every operation is one transaction that changes the stock, the
 * reservation rows and writes the catalog event (`stock_changed`) together, when what
 * is available changed (not on commit). Locks are
 * taken in one order: the order's advisory lock, its reservation rows, variants by
 * id, then products (by recordProductsChanged) — so concurrent calls cannot deadlock.
 */
export class InventoryService {
  private readonly repository = new InventoryRepository();
  private readonly now: () => Date;
  private readonly transactionOptions: { maxWait: number; timeout: number };
  /** Every inventory statement is raw SQL: run without Prisma's engine, on the client's pool. */
  private readonly db: DirectSql;

  constructor(prisma: PrismaClient, options: InventoryServiceOptions = {}) {
    this.db = sqlOf(prisma);
    this.now = options.now ?? (() => new Date());
    this.transactionOptions = { maxWait: options.maxWaitMs ?? 10_000, timeout: options.transactionTimeoutMs ?? 15_000 };
  }

  private transaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T> {
    return this.db.$transaction(fn, this.transactionOptions);
  }

  /** The catalog events of a stock change, written in its transaction (products locked in id order). */
  private async stockChanged(tx: RawSql, productIds: string[]): Promise<void> {
    await recordProductsChanged(tx, productIds, 'stock_changed');
  }

  /**
   * Holds stock for every line of an order, or for none. Idempotent by order id: a
   * repeat with the same lines answers the first result and changes nothing; a repeat
   * with other lines is refused with ORDER_ID_REUSED.
   */
  async reserve(orderIdInput: unknown, linesInput: unknown, ttlSecondsInput?: unknown): Promise<ReserveResult> {
    const orderId = validateOrderId(orderIdInput);
    const lines = normaliseLines(linesInput);
    const ttlSeconds = validateTtl(ttlSecondsInput);
    try {
      return await this.transaction(async (tx) => {
        await this.repository.lockOrder(tx, orderId);
        const existing = await this.repository.orderReservations(tx, orderId, false);
        if (existing.length > 0) return this.replay(tx, orderId, lines, existing);

        const expiresAt = new Date(this.now().getTime() + ttlSeconds * 1000);
        const reserved: ReservedLine[] = [];
        const failed: ReserveLineInput[] = [];
        // Sorted by variant id: the lock order that keeps concurrent reservations deadlock-free.
        // An order of one line writes its reservation row with the hold (one statement).
        const single = lines.length === 1 ? { orderId, expiresAt } : undefined;
        for (const line of lines) {
          const sale =
            failed.length === 0 ? await this.repository.holdStock(tx, line.variantId, line.quantity, single) : null;
          if (sale) reserved.push(toReservedLine(sale, line.quantity));
          else failed.push(line);
        }
        if (failed.length > 0) {
          throw new Refusal(await this.refusal(tx, orderId, lines, failed));
        }
        if (!single) await this.repository.insertReservations(tx, orderId, lines, expiresAt);
        await this.stockChanged(tx, productIdsOf(reserved));
        return { status: 'RESERVED' as const, orderId, expiresAt, replayed: false, lines: reserved };
      });
    } catch (error) {
      if (error instanceof Refusal) return error.result;
      throw error;
    }
  }

  /**
   * The refusal of a reservation. Once one line fails the transaction is going to roll
   * back, so the remaining lines are not held; the shortages list every line that could
   * not be held now (read without locks: a snapshot).
   */
  private async refusal(
    tx: RawSql,
    orderId: string,
    lines: ReserveLineInput[],
    failed: ReserveLineInput[],
  ): Promise<ReserveResult> {
    const stock = new Map(
      (
        await this.repository.variantStock(
          tx,
          lines.map((l) => l.variantId),
        )
      ).map((s) => [s.variantId, s]),
    );
    const heldByUs = new Map(lines.filter((l) => !failed.includes(l)).map((l) => [l.variantId, l.quantity]));
    const shortages: Shortage[] = [];
    for (const line of lines) {
      const row = stock.get(line.variantId);
      // Lines held earlier in this (doomed) transaction count as available again.
      const shortage = shortageOf(line, row, (row?.available ?? 0) + (heldByUs.get(line.variantId) ?? 0));
      if (shortage) shortages.push(shortage);
    }
    if (shortages.length === 0) {
      // Stock came back between the failed update and this read: report the failed lines as they stand.
      for (const line of failed) {
        shortages.push({
          variantId: line.variantId,
          requested: line.quantity,
          available: stock.get(line.variantId)?.available ?? 0,
          reason: 'INSUFFICIENT_STOCK',
        });
      }
    }
    return { status: refusalStatus(shortages), orderId, shortages };
  }

  private async replay(
    tx: RawSql,
    orderId: string,
    lines: ReserveLineInput[],
    existing: ReservationRow[],
  ): Promise<ReserveResult> {
    const same =
      existing.length === lines.length &&
      existing.every((row, i) => row.variantId === lines[i]?.variantId && row.quantity === lines[i]?.quantity);
    if (!same) {
      throw new InventoryError('ORDER_ID_REUSED', `order ${orderId} already holds a reservation with other lines`);
    }
    if (existing.some((row) => row.status === 'RELEASED' || row.status === 'RETURNED')) {
      throw new InventoryError('RESERVATION_RELEASED', `the reservation of order ${orderId} was released`);
    }
    const sales = new Map(
      (
        await this.repository.variantSaleData(
          tx,
          lines.map((l) => l.variantId),
        )
      ).map((s) => [s.variantId, s]),
    );
    const reserved = lines.map((line) => {
      const sale = sales.get(line.variantId);
      if (!sale) throw new Error(`variant ${line.variantId} of a reservation is missing`);
      return toReservedLine(sale, line.quantity);
    });
    const committed = existing.every((row) => row.status === 'COMMITTED');
    const expiresAt = existing[0]?.expiresAt ?? this.now();
    return { status: committed ? 'COMMITTED' : 'RESERVED', orderId, expiresAt, replayed: true, lines: reserved };
  }

  /**
   * Prices lines as a reservation of them would, without holding anything: the same
   * sale data (`toReservedLine`), and the same refusals for variants that are unknown,
   * of a deleted product, or short of stock right now. For price previews (the
   * orders service's checkout quote); a later reservation may still be refused.
   */
  async quote(linesInput: unknown): Promise<QuoteResult> {
    const lines = normaliseLines(linesInput);
    const ids = lines.map((l) => l.variantId);
    const [sales, stock] = await Promise.all([
      this.repository.variantSaleData(this.db, ids),
      this.repository.variantStock(this.db, ids),
    ]);
    const saleOf = new Map(sales.map((s) => [s.variantId, s]));
    const stockOf = new Map(stock.map((s) => [s.variantId, s]));
    const priced: ReservedLine[] = [];
    const shortages: Shortage[] = [];
    for (const line of lines) {
      const sale = saleOf.get(line.variantId);
      // A variant without sale data is as unknown as one without stock.
      const shortage = shortageOf(line, sale ? stockOf.get(line.variantId) : undefined);
      if (shortage) shortages.push(shortage);
      else if (sale) priced.push(toReservedLine(sale, line.quantity));
    }
    if (shortages.length > 0) return { status: refusalStatus(shortages), shortages };
    return { status: 'PRICED', lines: priced };
  }

  /**
   * Turns the order's held stock into a sale: on hand and reserved both drop by the
   * quantity (available is unchanged). Committing again changes nothing. A reservation
   * whose expiry time passed but that the expiry job has not released yet is still
   * held, so it commits.
   */
  async commit(orderIdInput: unknown): Promise<SettleResult> {
    const orderId = validateOrderId(orderIdInput);
    // The common case, an order of one held line, in one statement (see the repository).
    const held = await this.repository.commitSingleHeldLine(this.db, orderId);
    if (held) return { orderId, status: 'COMMITTED', changed: true, lines: perVariant([held]) };
    return this.settleOrder(orderId, (rows) => {
      if (rows.length === 0) throw new InventoryError('NOT_FOUND', `order ${orderId} has no reservation`);
      if (rows.some((row) => row.status === 'RELEASED' || row.status === 'RETURNED')) {
        throw new InventoryError('RESERVATION_EXPIRED', `the reservation of order ${orderId} expired or was released`);
      }
      return 'commit';
    });
  }

  /**
   * Gives the order's held stock back. Releasing again changes nothing; releasing an
   * order that holds nothing (unknown order id) succeeds with no lines, so a saga's
   * compensation never fails; releasing a committed order is refused (ALREADY_COMMITTED).
   */
  release(orderIdInput: unknown): Promise<SettleResult> {
    return this.settleOrder(orderIdInput, (rows, orderId) => {
      if (rows.some((row) => row.status === 'COMMITTED')) {
        throw new InventoryError('ALREADY_COMMITTED', `the reservation of order ${orderId} is committed`);
      }
      return 'release';
    });
  }

  /**
   * Settles a cancelled order's stock: units still held are released (as `release`);
   * units it bought (a paid order cancelled before fulfilment) go back on the shelf,
   * on hand growing by their quantity, and the rows become RETURNED. Repeating it
   * changes nothing; an order that holds nothing succeeds with no lines.
   */
  cancel(orderIdInput: unknown): Promise<SettleResult> {
    return this.settleOrder(orderIdInput, (rows) =>
      rows.some((row) => row.status === 'COMMITTED' || row.status === 'RETURNED') ? 'return' : 'release',
    );
  }

  /** Settles an order under its lock; `decide` names the settlement for its rows, or refuses. */
  private async settleOrder(
    orderIdInput: unknown,
    decide: (rows: ReservationRow[], orderId: string) => keyof typeof SETTLEMENTS,
  ): Promise<SettleResult> {
    const orderId = validateOrderId(orderIdInput);
    return this.transaction(async (tx) => {
      await this.repository.lockOrder(tx, orderId);
      const rows = await this.repository.orderReservations(tx, orderId, true);
      return this.settleRows(tx, orderId, rows, decide(rows, orderId));
    });
  }

  /**
   * Moves the stock of the order's rows a settlement applies to (held ones for commit
   * and release, sold ones for return) and gives them its status; with none, an
   * idempotent repeat, nothing changes.
   */
  private async settleRows(
    tx: RawSql,
    orderId: string,
    rows: ReservationRow[],
    mode: 'commit' | 'release' | 'return',
  ): Promise<SettleResult> {
    const { from, to } = SETTLEMENTS[mode];
    const lines = perVariant(rows);
    const moving = rows.filter((row) => row.status === from);
    if (moving.length === 0) return { orderId, status: to, changed: false, lines };
    await this.repository.settleStock(tx, perVariant(moving), mode, orderId);
    // A commit moves on hand and reserved together: what is available, all the catalog
    // shows of stock, is unchanged, so there is no event to tell (see README.md).
    if (mode !== 'commit') await this.stockChanged(tx, productIdsOf(moving));
    return { orderId, status: to, changed: true, lines };
  }

  /**
   * Releases every RESERVED row whose expiry time is at or before `now`; returns how
   * many rows it released. Safe to run on several replicas at once: each batch claims
   * orders with a non-waiting advisory lock and locks their rows with SKIP LOCKED, so
   * replicas share the work instead of waiting on each other.
   */
  async releaseExpired(now: Date = this.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, released } = await this.transaction(async (tx) => {
        const orderIds = await this.repository.claimExpiredOrders(tx, now, EXPIRY_BATCH_ORDERS);
        const rows = await this.repository.releaseExpiredRows(tx, orderIds, now);
        if (rows.length > 0) {
          await this.repository.settleStock(tx, perVariant(rows), 'release');
          await this.stockChanged(tx, productIdsOf(rows));
        }
        return { claimed: orderIds.length, released: rows.length };
      });
      total += released;
      // A short batch means nothing more is due (or the rest is claimed by another replica).
      if (claimed < EXPIRY_BATCH_ORDERS || released === 0) return total;
    }
  }

  /**
   * Runs releaseExpired every `intervalMs` on an unref'd timer (it never keeps the
   * process alive). Runs never overlap; a failed run is logged and the next one tries again.
   */
  startExpiryJob(options: { intervalMs: number; logger: Logger }): ExpiryJob {
    const { intervalMs, logger } = options;
    let running: Promise<void> | undefined;
    let stopped = false;
    const tick = () => {
      if (running || stopped) return;
      running = this.releaseExpired()
        .then((released) => {
          if (released > 0) logger.info({ released }, 'released expired stock reservations');
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, 'releasing expired stock reservations failed');
        })
        .finally(() => {
          running = undefined;
        });
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    return {
      async stop() {
        stopped = true;
        clearInterval(timer);
        await running;
      },
    };
  }
}
