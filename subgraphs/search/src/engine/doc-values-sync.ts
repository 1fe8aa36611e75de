import type { Logger } from '@storegraph/logger';
import pg from 'pg';
import type { PrismaClient } from '../data/prisma-client.js';
import { Prisma } from '../generated/prisma/client.js';
import { DocValues, type DocValuesRow } from './doc-values.js';
import { DOCUMENTS_CHANNEL } from './doc-values-channel.js';

const LOAD_BATCH = 10_000;
const FLUSH_DELAY_MS = 20;
const RECONNECT_MS = 1_000;

interface LoadedRow {
  product_id: string;
  deleted: boolean;
  brand_slug: string | null;
  brand_name: string | null;
  category_slugs: string[];
  category_names: string[];
  currency_code: string;
  variant_prices: number[];
  price_min_minor: number;
  in_stock: boolean;
  rating: number | null;
  review_count: number;
  popularity: number;
  attributes: Array<{ name: string; value: string }>;
  created_ms: number;
  search_vector?: string;
}

// Qualified by the alias d: `product_id` alone in ORDER BY would be the text output column, sorting every row.
const FIELDS = Prisma.sql`d.product_id::text AS product_id, d.deleted, d.brand_slug, d.brand_name, d.category_slugs,
  d.category_names, d.currency_code, d.variant_prices, d.price_min_minor, d.in_stock, d.rating::float8 AS rating,
  d.review_count, d.popularity, d.attributes, (extract(epoch FROM d.created_at) * 1000)::float8 AS created_ms`;
const WITH_VECTOR = Prisma.sql`${FIELDS}, d.search_vector::text AS search_vector`;

const toRow = (r: LoadedRow): DocValuesRow => ({
  productId: r.product_id,
  brandSlug: r.brand_slug,
  brandName: r.brand_name,
  categorySlugs: r.category_slugs,
  categoryNames: r.category_names,
  currencyCode: r.currency_code.trim(),
  variantPricesMinor: r.variant_prices,
  priceMinMinor: r.price_min_minor,
  inStock: r.in_stock,
  rating: r.rating,
  reviewCount: r.review_count,
  popularity: r.popularity,
  attributes: Array.isArray(r.attributes) ? r.attributes : [],
  createdAtMs: r.created_ms,
  searchVector: r.search_vector,
});

/**
 * Keeps a DocValues in step with search_documents: LISTENs on the documents
 * channel first, then loads every live document in batches; each notification
 * re-reads the named products (coalesced over a few milliseconds) and `*`
 * reloads everything into a new DocValues (SQL answers meanwhile). While the
 * listening connection is down the doc values are not
 * `current` (the engine answers from SQL) and a reconnect reloads them, so no
 * change can be missed.
 */
export class DocValuesSync {
  private docs: DocValues | null = null;
  private client: pg.Client | null = null;
  private pending = new Set<string>();
  private reloadWanted = false;
  private reloading = false;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private listening = false;
  private loadedOnce: Promise<void> | null = null;

  constructor(
    private readonly options: {
      prisma: PrismaClient;
      databaseUrl: string;
      logger: Logger;
      /** After the doc values took in changes (these products, or everything): search's answers changed. */
      onApplied?: (change: { productIds: string[]; all?: boolean }) => void;
      /** Load the search vectors into the doc values' text index (default true). */
      textIndex?: boolean;
    },
  ) {}

  /** The doc values when they are complete and notifications are flowing, else null. */
  get current(): DocValues | null {
    return this.listening && !this.reloadWanted && !this.reloading ? this.docs : null;
  }

  /** Starts listening and loading; resolves when the first load is complete. */
  start(): Promise<void> {
    this.loadedOnce ??= this.connect();
    return this.loadedOnce;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.flushing?.catch(() => {});
    await this.client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    this.listening = false;
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'storegraph-search-docvalues',
    });
    client.on('notification', (message) => {
      if (message.channel !== DOCUMENTS_CHANNEL) return;
      if (message.payload === '*') this.reloadWanted = true;
      else if (message.payload) this.pending.add(message.payload);
      this.schedule();
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      if (this.stopped) return;
      this.options.logger.warn(
        { err: error },
        'doc values lost their notifications; answering from SQL until reloaded',
      );
      setTimeout(() => {
        if (!this.stopped) this.connect().catch(() => {});
      }, RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${DOCUMENTS_CHANNEL}`);
    } catch (error) {
      this.client = client;
      lost(error as Error);
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    // Everything changed before LISTEN is in the load; everything after is notified.
    this.pending.clear();
    this.docs = await this.loadAll();
    this.listening = true;
    this.options.onApplied?.({ productIds: [], all: true });
    this.schedule();
  }

  private schedule() {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = (this.flushing ?? Promise.resolve()).then(() => this.flush());
      this.flushing.catch((error) => this.options.logger.error({ err: error }, 'doc values update failed'));
    }, FLUSH_DELAY_MS);
  }

  private async flush(): Promise<void> {
    // During a (re)connect's load, changes wait: they are applied to the new doc values after it.
    if (!this.docs || this.stopped || !this.listening) return;
    if (this.reloadWanted) {
      // Until the new table is loaded, SQL answers: the old doc values may hold what it no longer has.
      this.reloadWanted = false;
      this.reloading = true;
      this.pending.clear();
      const started = Date.now();
      try {
        this.docs = await this.loadAll();
      } finally {
        this.reloading = false;
      }
      this.options.logger.info({ documents: this.docs.size, ms: Date.now() - started }, 'doc values reloaded');
      this.options.onApplied?.({ productIds: [], all: true });
      return;
    }
    if (this.pending.size === 0) return;
    const ids = [...this.pending].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    this.pending.clear();
    const rows = await this.rows(Prisma.sql`d.product_id = ANY(${ids}::uuid[])`, ids.length);
    const seen = new Set<string>();
    for (const row of rows) {
      seen.add(row.product_id);
      if (row.deleted) this.docs.remove(row.product_id);
      else this.docs.upsert(toRow(row));
    }
    for (const id of ids) if (!seen.has(id.toLowerCase())) this.docs.remove(id.toLowerCase());
    this.options.onApplied?.({ productIds: ids.map((id) => id.toLowerCase()) });
  }

  /** Every live document, in product id order, a batch at a time. */
  private async loadAll(): Promise<DocValues> {
    const docs = new DocValues({ textIndex: this.options.textIndex ?? true });
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.rows(Prisma.sql`d.product_id > ${after}::uuid AND NOT d.deleted`, LOAD_BATCH);
      for (const row of rows) {
        docs.upsert(toRow(row));
        // Lower-case hex: string order is the uuid's byte order.
        if (row.product_id > after) after = row.product_id;
      }
      if (rows.length < LOAD_BATCH) break;
    }
    return docs;
  }

  /**
   * Rows as one JSON text (a single value to decode instead of thousands of rows
   * of arrays and jsonb): loading a million documents is several times faster.
   */
  private async rows(where: Prisma.Sql, limit: number): Promise<LoadedRow[]> {
    const [result] = await this.options.prisma.$queryRaw<Array<{ rows: string }>>`
      SELECT coalesce(json_agg(r), '[]')::text AS rows FROM (
        SELECT ${this.options.textIndex === false ? FIELDS : WITH_VECTOR} FROM search_documents d WHERE ${where} ORDER BY d.product_id LIMIT ${limit}
      ) r`;
    return JSON.parse(result?.rows ?? '[]') as LoadedRow[];
  }
}
