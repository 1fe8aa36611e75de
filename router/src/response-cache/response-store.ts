/** A cached answer: its data, what it cost to keep, and what makes it stale. */
interface Entry {
  data: unknown;
  bytes: number;
  expiresAt: number;
  /** Subgraphs whose changes make it stale. */
  subgraphs: ReadonlySet<string>;
  /** Products (and variants) it shows; null: it may show any (a list, a search, a "not found"). */
  ids: ReadonlySet<string> | null;
}

export interface CatalogChangeNotice {
  source: string;
  productIds: readonly string[];
  all?: boolean;
}

/**
 * The router's in-process store of public answers: least recently used out first
 * beyond `maxBytes`, nothing older than `ttlMs`, and dropped on change notices.
 *
 * A change notice drops every entry of its source subgraph that shows one of the
 * changed products, and every entry of that subgraph that may show any product.
 * `generation` counts invalidations: an answer computed while one happened may
 * predate it, so `set` refuses answers whose request began in an earlier generation.
 */
export class ResponseStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private currentGeneration = 0;

  constructor(private readonly options: { maxBytes: number; ttlMs: number; now?: () => number }) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): unknown | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.data;
  }

  /** Keeps an answer, unless an invalidation happened since `startedAt` (a generation). Answers whether it was kept. */
  set(
    key: string,
    answer: { data: unknown; bytes: number; subgraphs: ReadonlySet<string>; ids: ReadonlySet<string> | null },
    startedAt: number,
  ): boolean {
    if (startedAt !== this.currentGeneration || answer.bytes > this.options.maxBytes / 8) return false;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    this.entries.set(key, { ...answer, expiresAt: this.now() + this.options.ttlMs });
    this.bytes += answer.bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest, entry);
    }
    return true;
  }

  /** Drops what a change notice makes stale; answers how many entries went. */
  invalidate(change: CatalogChangeNotice): number {
    this.currentGeneration += 1;
    const changed = new Set(change.productIds.map((id) => id.toLowerCase()));
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (!entry.subgraphs.has(change.source)) continue;
      if (change.all || entry.ids === null || shows(entry.ids, changed)) {
        this.remove(key, entry);
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Drops every entry of these subgraphs (a mutation through this router changed them). */
  invalidateSubgraphs(subgraphs: ReadonlySet<string>): number {
    let dropped = 0;
    for (const source of subgraphs) dropped += this.invalidate({ source, productIds: [], all: true });
    return dropped;
  }

  /** Drops everything (notices may have been missed). */
  clear(): void {
    this.currentGeneration += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  /** Marks the start of a change whose notice is still to come (a mutation in flight). */
  bump(): void {
    this.currentGeneration += 1;
  }

  private remove(key: string, entry: Entry) {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }
}

const shows = (ids: ReadonlySet<string>, changed: ReadonlySet<string>) => {
  for (const id of changed) if (ids.has(id)) return true;
  return false;
};

/** Every string `id` in an answer, lower-cased: the products and variants it shows (and other ids, harmlessly). */
export function idsIn(data: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(data)) {
    for (const item of data) idsIn(item, into);
  } else if (data && typeof data === 'object') {
    for (const [field, value] of Object.entries(data)) {
      if (field === 'id' && typeof value === 'string') into.add(value.toLowerCase());
      else if (value && typeof value === 'object') idsIn(value, into);
    }
  }
  return into;
}
