import { Interner } from './interner.js';
import { grow, Postings } from './slot-sets.js';
import { parseTsVector, positionOf, type TsQueryNode, weightOf } from './ts-text.js';

/**
 * The text index: every live document's `search_vector` in memory, so a text
 * query is matched and ranked without reading the documents' rows.
 *
 * - **Matching**: one set of slots per lexeme (`Postings`: a list of slots for a
 *   rare lexeme, a bitset for a common one). A query term is the union of its
 *   lexemes' sets (one lexeme, or every lexeme starting with a prefix); AND and
 *   OR are word-wise intersections and unions, giving the matches as a bitset.
 *   That is what `search_vector @@ query` returns for queries of terms, AND and OR
 *   (the only ones given to the index, see `parseTsQuery`).
 * - **Ranking**: each document's lexemes with their positions and weights, in the
 *   vector's order, in one run of a pooled array; `rank` is Postgres's `ts_rank_cd`
 *   (cover density, default weights, no normalisation) computed from them, step
 *   for step as `calc_rank_cd` does it, down to its float4 result.
 *
 * Postgres still parses and stems: documents arrive as the vector Postgres built
 * (its text output), queries as the tsquery Postgres built from the words.
 */
export class TextIndex {
  private readonly lexicon = new Interner();
  /** Lexeme ids in string order (for prefixes), and ids interned since it was sorted. */
  private sorted: number[] = [];
  private unsorted: number[] = [];
  private readonly sets = new Postings();
  /** Per lexeme: the bits of the current query's terms it satisfies (reset at the next query). */
  private masks = new Int32Array(0);
  private masked: number[] = [];

  /**
   * Each document's vector as one run of 16-bit words in the pool, so ranking a
   * document reads one stretch of memory: per entry (lexeme) its id (two words,
   * high then low), its number of positions, then the positions (WordEntryPos).
   * Per slot, side by side: where its run starts and its length (0: no vector).
   */
  private runs = new Int32Array(0);
  private pool = new Uint16Array(0);
  private used = 0;
  private live = 0;

  /** Makes room for slots 0..capacity-1; `words` = 32-slot words of the sets. */
  reserve(capacity: number, words: number): void {
    this.runs = grow(this.runs, capacity * 2, (n) => new Int32Array(n));
    this.sets.resize(words);
  }

  /** Lexemes known to the index (some may no longer be in any document). */
  get lexemeCount(): number {
    return this.lexicon.size;
  }

  /** Bytes of the pool in use, replaced vectors' space included (for the benchmarks' memory notes). */
  get poolBytes(): number {
    return this.used * 2;
  }

  /** Sets a slot's vector (the `tsvector` as Postgres prints it), replacing the one it had. */
  set(slot: number, vector: string): void {
    this.clear(slot);
    const parsed = parseTsVector(vector);
    const entries = parsed.lexemes.length;
    const length = entries * 3 + parsed.positions.length;
    this.makeRoom(length);
    const pool = this.pool;
    let at = this.used;
    let p = 0;
    for (let e = 0; e < entries; e++) {
      const lexeme = parsed.lexemes[e] as string;
      const known = this.lexicon.size;
      const id = this.lexicon.id(lexeme);
      if (id === known) this.unsorted.push(id);
      const count = parsed.counts[e] as number;
      pool[at] = id >>> 16;
      pool[at + 1] = id & 0xffff;
      pool[at + 2] = count;
      for (let j = 0; j < count; j++) pool[at + 3 + j] = parsed.positions[p + j] as number;
      at += 3 + count;
      p += count;
      this.sets.set(id, slot, true);
    }
    this.runs[slot * 2] = this.used;
    this.runs[slot * 2 + 1] = length;
    this.used += length;
    this.live += length;
  }

  /** Forgets a slot's vector (its pool space is reclaimed by a later compaction). */
  clear(slot: number): void {
    const length = this.runs[slot * 2 + 1] ?? 0;
    if (length === 0) return;
    const pool = this.pool;
    const start = this.runs[slot * 2] as number;
    for (let at = start; at < start + length; at += 3 + (pool[at + 2] as number)) {
      this.sets.set((pool[at] as number) * 65536 + (pool[at + 1] as number), slot, false);
    }
    this.runs[slot * 2 + 1] = 0;
    this.live -= length;
  }

  /**
   * Room for `length` more words at the pool's end: compacts when at least half
   * the pool in use is replaced or removed vectors, grows otherwise.
   */
  private makeRoom(length: number): void {
    const needed = this.used + length;
    if (needed <= this.pool.length) return;
    const garbage = this.used - this.live;
    if (garbage > 0 && garbage >= this.used / 2) {
      this.compact(this.live + length);
      return;
    }
    this.pool = grow(this.pool, Math.max(4096, needed, this.pool.length * 2), (n) => new Uint16Array(n));
  }

  /** Copies the live slots' runs into a new pool with room for at least `size` words. */
  private compact(size: number): void {
    const pool = new Uint16Array(Math.max(4096, Math.ceil(size * 1.5)));
    let at = 0;
    for (let slot = 0; slot * 2 < this.runs.length; slot++) {
      const length = this.runs[slot * 2 + 1] as number;
      if (length === 0) continue;
      const from = this.runs[slot * 2] as number;
      pool.set(this.pool.subarray(from, from + length), at);
      this.runs[slot * 2] = at;
      at += length;
    }
    this.pool = pool;
    this.used = at;
  }

  /** Ids of the lexemes starting with `prefix`. */
  private prefixIds(prefix: string): number[] {
    const lexemes = this.lexicon.keys;
    const byText = (a: number, b: number) => {
      const x = lexemes[a] as string;
      const y = lexemes[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const lowerBound = (text: string) => {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((lexemes[this.sorted[mid] as number] as string) < text) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    if (this.unsorted.length > 256) {
      this.sorted = lexemes.map((_, id) => id).sort(byText);
    } else {
      for (const id of this.unsorted) this.sorted.splice(lowerBound(lexemes[id] as string), 0, id);
    }
    this.unsorted = [];
    const out: number[] = [];
    for (let k = lowerBound(prefix); k < this.sorted.length; k++) {
      const id = this.sorted[k] as number;
      if (!(lexemes[id] as string).startsWith(prefix)) break;
      out.push(id);
    }
    return out;
  }

  /**
   * A query's matches among slots 0..(32 × words - 1), as a bitset, and its
   * ts_rank_cd for any matching slot. Valid until the index changes or the next
   * query is matched.
   */
  match(query: TsQueryNode, words: number): TextMatch {
    // Each term is an operand bit; a lexeme's mask holds the bits of the terms it satisfies.
    const terms: Array<{ lexeme: string; prefix: boolean }> = [];
    const collect = (node: TsQueryNode): CompiledNode => {
      if (node.kind === 'term') {
        terms.push(node);
        return { bit: 1 << (terms.length - 1) };
      }
      return { kind: node.kind, left: collect(node.left), right: collect(node.right) };
    };
    const compiled = collect(query);
    if (this.masks.length < this.lexicon.size) this.masks = new Int32Array(this.lexicon.size * 2);
    const masks = this.masks;
    for (const id of this.masked) masks[id] = 0;
    this.masked = [];
    const termIds = terms.map((term, k) => {
      const found = term.prefix ? this.prefixIds(term.lexeme) : [this.lexicon.get(term.lexeme)];
      const ids = found.filter((id): id is number => id !== undefined);
      for (const id of ids) {
        masks[id] = (masks[id] as number) | (1 << k);
        this.masked.push(id);
      }
      return ids;
    });
    const bitsOf = (node: CompiledNode): Uint32Array => {
      if ('bit' in node) return this.sets.union(termIds[31 - Math.clz32(node.bit)] as number[], words);
      const left = bitsOf(node.left);
      const right = bitsOf(node.right);
      if (node.kind === 'and') for (let w = 0; w < words; w++) left[w] = (left[w] as number) & (right[w] as number);
      else for (let w = 0; w < words; w++) left[w] = (left[w] as number) | (right[w] as number);
      return left;
    };
    const satisfied = (flags: number, node: CompiledNode = compiled): boolean =>
      'bit' in node
        ? (flags & node.bit) !== 0
        : node.kind === 'and'
          ? satisfied(flags, node.left) && satisfied(flags, node.right)
          : satisfied(flags, node.left) || satisfied(flags, node.right);
    // A query every term satisfies alone (one word: its lexeme OR its prefix) has one-position covers.
    const anyTerm = terms.every((_, k) => satisfied(1 << k));
    return { bits: bitsOf(compiled), rank: (slot) => this.rankCoverDensity(slot, masks, satisfied, anyTerm) };
  }

  /**
   * Postgres's ts_rank_cd(vector, query) with the default weights {0.1, 0.2,
   * 0.4, 1.0} and normalisation 0 (tsrank.c, calc_rank_cd): the positions of the
   * query's lexemes in position order, covers found left to right (the shortest
   * stretch ending at the first position where the query is satisfied, then
   * shrunk from the left), each adding (its positions / the sum of their inverse
   * weights) / (1 + the positions between them not in the query). When any one
   * term satisfies the query (`anyTerm`), every position is a cover of its own,
   * adding 1 / its inverse weight, in position order: summed without the search.
   */
  private rankCoverDensity(
    slot: number,
    masks: Int32Array,
    satisfied: (flags: number) => boolean,
    anyTerm: boolean,
  ): number {
    // The document's representation: one record per (position, entry) of a lexeme in the query.
    let n = 0;
    let entries = 0;
    const pool = this.pool;
    const start = this.runs[slot * 2] as number;
    const end = start + (this.runs[slot * 2 + 1] as number);
    for (let at = start, e = 0; at < end; e++) {
      const c = pool[at + 2] as number;
      const mask = masks[(pool[at] as number) * 65536 + (pool[at + 1] as number)] as number;
      if (mask !== 0) {
        entries++;
        for (let j = 0; j < c; j++) {
          const wep = pool[at + 3 + j] as number;
          if (n === scratch.key.length) scratch.widen();
          // Ordered by position, then weight, then entry (the entries' order in the vector).
          scratch.key[n] = (positionOf(wep) * 4 + weightOf(wep)) * 1_048_576 + e;
          scratch.wep[n] = wep;
          scratch.mask[n] = mask;
          n++;
        }
      }
      at += 3 + c;
    }
    if (n === 0) return 0;
    const { key, wep, mask } = scratch;
    // One entry's positions are already in order (and distinct).
    for (let i = entries > 1 ? 1 : n; i < n; i++) {
      const k = key[i] as number;
      const w = wep[i] as number;
      const m = mask[i] as number;
      let j = i - 1;
      while (j >= 0 && (key[j] as number) > k) {
        key[j + 1] = key[j] as number;
        wep[j + 1] = wep[j] as number;
        mask[j + 1] = mask[j] as number;
        j--;
      }
      key[j + 1] = k;
      wep[j + 1] = w;
      mask[j + 1] = m;
    }
    // Records of the same position and entry are one (each lexeme holds a position once, so rarely needed).
    let len = 0;
    for (let i = 0; i < n; i++) {
      if (len > 0 && key[len - 1] === key[i]) {
        mask[len - 1] = (mask[len - 1] as number) | (mask[i] as number);
        continue;
      }
      key[len] = key[i] as number;
      wep[len] = wep[i] as number;
      mask[len] = mask[i] as number;
      len++;
    }

    let wdoc = 0;
    if (anyTerm) {
      for (let i = 0; i < len; i++) {
        const w = wep[i] as number;
        if (positionOf(w) === 0) break; // as the search below: no cover ends at position 0
        wdoc += 1 / (INVERSE_WEIGHTS[weightOf(w)] as number);
      }
      return Math.fround(wdoc);
    }
    let from = 0;
    for (;;) {
      // The cover's end: the first record at which the query is satisfied.
      let flags = 0;
      let q = 0;
      let end = -1;
      for (let i = from; i < len; i++) {
        flags |= mask[i] as number;
        if (satisfied(flags)) {
          const position = positionOf(wep[i] as number);
          if (position > q) {
            q = position;
            end = i;
          }
          break;
        }
      }
      if (end < 0) break;
      // Its beginning: walking back from the end, the first record at which it is satisfied again.
      flags = 0;
      let begin = -1;
      let first = Number.MAX_SAFE_INTEGER;
      let at = end;
      for (; at >= from; at--) {
        flags |= mask[at] as number;
        if (satisfied(flags)) {
          const position = positionOf(wep[at] as number);
          if (position < first) {
            first = position;
            begin = at;
          }
          break;
        }
      }
      if (begin < 0 || first > q) {
        from++;
        continue;
      }
      let inverseSum = 0;
      for (let i = begin; i <= end; i++) inverseSum += INVERSE_WEIGHTS[weightOf(wep[i] as number)] as number;
      const cpos = (end - begin + 1) / inverseSum;
      let noise = q - first - (end - begin);
      if (noise < 0) noise = Math.floor((end - begin) / 2);
      wdoc += cpos / (1 + noise);
      from = at + 1;
    }
    return Math.fround(wdoc);
  }
}

export interface TextMatch {
  /** One bit per slot: the documents matching the query. */
  bits: Uint32Array;
  /** ts_rank_cd of a matching slot (a float4, as Postgres returns it). */
  rank(slot: number): number;
}

type CompiledNode = { bit: number } | { kind: 'and' | 'or'; left: CompiledNode; right: CompiledNode };

/** ts_rank_cd's default weights by weight code (D, C, B, A), float4 in Postgres, inverted as calc_rank_cd does. */
const INVERSE_WEIGHTS = [0.1, 0.2, 0.4, 1.0].map((w) => 1 / Math.fround(w));

/** The records of the document being ranked (ranking runs start to end without yielding). */
const scratch = {
  key: new Float64Array(256),
  wep: new Uint16Array(256),
  mask: new Int32Array(256),
  widen() {
    const size = this.key.length * 2;
    this.key = grow(this.key, size, (n) => new Float64Array(n));
    this.wep = grow(this.wep, size, (n) => new Uint16Array(n));
    this.mask = grow(this.mask, size, (n) => new Int32Array(n));
  },
};

/**
 * The search's relevance of a document, as the SQL computes it:
 * `round((ts_rank_cd(...)::float8 * (1 + 0.1 * coalesce(rating, 3)::float8 / 5)
 *   + 0.005 * least(ln(1 + greatest(popularity, 0)::float8), 10))::numeric, 9)`,
 * from the rank and the document's two constant parts (`relevanceParts`).
 */
export function relevanceScore(rank: number, factor: number, boost: number): number {
  return roundLikeNumeric9(rank * factor + boost);
}

/** A document's factor (of its rating; NaN = unrated) and boost (of its popularity) in relevanceScore. */
export function relevanceParts(rating: number, popularity: number): { factor: number; boost: number } {
  const r = Number.isNaN(rating) ? 3 : rating;
  return { factor: 1 + (0.1 * r) / 5, boost: 0.005 * Math.min(Math.log(1 + Math.max(popularity, 0)), 10) };
}

/**
 * A non-negative double as Postgres's `round(x::numeric, 9)`: the cast keeps 15
 * significant digits, then the rounding is half away from zero. Returned as the
 * double nearest that 9-decimal number (`toFixed(9)` gives its text back).
 */
export function roundLikeNumeric9(x: number): number {
  const scaled = x * 1e9;
  const fraction = scaled - Math.floor(scaled);
  // Far from a half: the 15-digit cast and the multiplication cannot move it across one.
  if (Math.abs(fraction - 0.5) > 1e-5 * Math.max(1, x)) return Math.round(scaled) / 1e9;
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(x.toPrecision(15));
  if (!match) throw new Error(`cannot round ${x}`);
  const [, whole = '', fractionDigits = '', exponent = '0'] = match;
  const digits = BigInt(whole + fractionDigits);
  // x = digits × 10^power; in thousand-millionths: digits × 10^(power + 9).
  const shift = Number(exponent) - fractionDigits.length + 9;
  let n: bigint;
  if (shift >= 0) {
    n = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    n = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) n += 1n;
  }
  return Number(n) / 1e9;
}
