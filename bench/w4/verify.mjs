// What the databases say after a run: the answers buyers got are not trusted for
// oversells and duplicates.
import pg from 'pg';

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The server's clock, which stamps the rows a run writes. */
export const serverNow = (databases) =>
  withClient(databases.orders, async (c) => (await c.query('SELECT now() AS now')).rows[0].now);

/**
 * Waits (at most timeoutMs) until the run's orders for these variants have left
 * PENDING_PAYMENT and no reservation of them is still held; true when they did.
 */
export async function settle(databases, { variantIds, since, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await withClient(databases.orders, async (c) =>
      Number(
        (
          await c.query(
            `SELECT count(DISTINCT o.id) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id
             WHERE l.variant_id = ANY($1::uuid[]) AND o.created_at >= $2 AND o.status = 'PENDING_PAYMENT'`,
            [variantIds, since],
          )
        ).rows[0].n,
      ),
    );
    const held = await withClient(databases.products, async (c) =>
      Number(
        (
          await c.query(
            `SELECT count(*) AS n FROM stock_reservations
             WHERE variant_id = ANY($1::uuid[]) AND created_at >= $2 AND status = 'RESERVED'`,
            [variantIds, since],
          )
        ).rows[0].n,
      ),
    );
    if (pending === 0 && held === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Oversells and duplicates of a run, from the databases. Each variant started the run
 * with `unitsEach` on hand and none reserved. A variant is oversold by the units beyond
 * that which are held or sold (reservation rows, or the variant's own counters), or
 * which live orders (neither cancelled nor failed) claim, plus the units of live orders
 * that hold no reservation at all.
 */
export async function oversellReport(databases, { variantIds, unitsEach, since }) {
  const live = await withClient(databases.orders, (c) =>
    c.query(
      `SELECT o.id::text AS order_id, l.variant_id::text AS variant_id, l.quantity, o.status::text AS status
       FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE l.variant_id = ANY($1::uuid[]) AND o.created_at >= $2`,
      [variantIds, since],
    ),
  );
  const duplicates = await withClient(databases.orders, (c) =>
    c.query(
      `SELECT coalesce(sum(n - 1), 0)::int AS extra FROM (
         SELECT count(*) AS n FROM orders WHERE created_at >= $1 AND cart_id IS NOT NULL GROUP BY cart_id HAVING count(*) > 1) d`,
      [since],
    ),
  );
  const reservations = await withClient(databases.products, (c) =>
    c.query(
      `SELECT order_id, variant_id::text AS variant_id, quantity, status::text AS status FROM stock_reservations
       WHERE variant_id = ANY($1::uuid[]) AND created_at >= $2`,
      [variantIds, since],
    ),
  );
  const counters = await withClient(databases.products, (c) =>
    c.query(
      `SELECT id::text AS variant_id, quantity_on_hand AS on_hand, quantity_reserved AS reserved
       FROM product_variants WHERE id = ANY($1::uuid[])`,
      [variantIds],
    ),
  );
  const backed = new Set(
    reservations.rows.filter((r) => r.status !== 'RELEASED').map((r) => `${r.order_id} ${r.variant_id}`),
  );
  let oversold = 0;
  let committed = 0;
  let held = 0;
  for (const variant of counters.rows) {
    const rows = reservations.rows.filter((r) => r.variant_id === variant.variant_id);
    const sum = (status) => rows.filter((r) => r.status === status).reduce((s, r) => s + r.quantity, 0);
    committed += sum('COMMITTED');
    held += sum('RESERVED');
    const byRows = sum('COMMITTED') + sum('RESERVED');
    const byCounters = unitsEach - variant.on_hand + variant.reserved;
    const liveLines = live.rows.filter(
      (l) => l.variant_id === variant.variant_id && !['CANCELLED', 'PAYMENT_FAILED'].includes(l.status),
    );
    const claimed = liveLines.reduce((s, l) => s + l.quantity, 0);
    const unbacked = liveLines
      .filter((l) => !backed.has(`${l.order_id} ${l.variant_id}`))
      .reduce((s, l) => s + l.quantity, 0);
    oversold += Math.max(0, Math.max(byRows, byCounters, claimed) - unitsEach) + unbacked;
  }
  const orderIds = new Set(live.rows.map((l) => l.order_id));
  const paid = new Set(live.rows.filter((l) => l.status === 'PAID').map((l) => l.order_id));
  return {
    oversold,
    duplicateOrders: duplicates.rows[0].extra,
    ordersInDatabase: orderIds.size,
    paid: paid.size,
    committed,
    held,
  };
}
