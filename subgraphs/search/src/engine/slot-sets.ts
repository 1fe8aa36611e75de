/**
 * Sets of document slots (one bit per slot, 32 to a word, or a short list of
 * slots for a value few documents hold), shared by the doc values and the text
 * index.
 */

export const grow = <A extends Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array>(
  array: A,
  capacity: number,
  make: (n: number) => A,
): A => {
  if (array.length >= capacity) return array;
  const next = make(capacity);
  next.set(array as never);
  return next;
};

/** Words of 32 slots each covering `slots` slots. */
export const wordsFor = (slots: number) => (slots + 31) >>> 5;

/**
 * Sets of slots per dictionary value (the documents with that category on their
 * path, that brand, that attribute pair, that lexeme), or a single set (value 0). Kept as
 * documents come and go, so a filter on a value is its set, and the documents
 * failing at most one filter are found word by word. A value held by few
 * documents keeps a list of their slots (4 bytes each); once the list would be
 * larger than one bit per slot of the catalogue it becomes a bitset (32 slots a
 * word). A catalogue with thousands of rare attribute values so costs memory in
 * proportion to its documents, not values times documents.
 * A slot is added to a value at most once (callers remove it before adding it again).
 */
export class Postings {
  private words = 0;
  private readonly bits: Array<Uint32Array | undefined> = [];
  private readonly lists: Array<Int32Array | undefined> = [];
  private readonly sizes: number[] = [];

  resize(words: number) {
    if (words <= this.words) return;
    for (let v = 0; v < this.bits.length; v++) {
      const set = this.bits[v];
      if (set) this.bits[v] = grow(set, words, (n) => new Uint32Array(n));
    }
    this.words = words;
  }

  set(value: number, slot: number, on: boolean) {
    const set = this.bits[value];
    if (set) {
      if (on) set[slot >>> 5] = (set[slot >>> 5] as number) | (1 << (slot & 31));
      else set[slot >>> 5] = (set[slot >>> 5] as number) & ~(1 << (slot & 31));
      return;
    }
    let list = this.lists[value];
    const size = this.sizes[value] ?? 0;
    if (!on) {
      if (!list) return;
      const at = list.subarray(0, size).indexOf(slot);
      if (at < 0) return;
      list[at] = list[size - 1] as number;
      this.sizes[value] = size - 1;
      return;
    }
    if (size + 1 > this.words) {
      // As large as a bitset: become one.
      const bits = new Uint32Array(this.words);
      for (let i = 0; i < size; i++) {
        const s = (list as Int32Array)[i] as number;
        bits[s >>> 5] = (bits[s >>> 5] as number) | (1 << (s & 31));
      }
      bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
      this.bits[value] = bits;
      this.lists[value] = undefined;
      this.sizes[value] = 0;
      return;
    }
    if (!list || list.length === size) {
      list = grow(list ?? new Int32Array(0), Math.max(4, size * 2), (n) => new Int32Array(n));
      this.lists[value] = list;
    }
    list[size] = slot;
    this.sizes[value] = size + 1;
  }

  /** The union of some values' sets as a bitset of `words` words. */
  union(values: Iterable<number>, words: number): Uint32Array {
    const out = new Uint32Array(words);
    for (const v of values) {
      const set = this.bits[v];
      if (set) {
        for (let w = 0; w < words; w++) out[w] = (out[w] as number) | (set[w] as number);
        continue;
      }
      const list = this.lists[v];
      const size = this.sizes[v] ?? 0;
      for (let i = 0; i < size; i++) {
        const s = (list as Int32Array)[i] as number;
        out[s >>> 5] = (out[s >>> 5] as number) | (1 << (s & 31));
      }
    }
    return out;
  }

  /** How many of a value's slots are in `within` (a bitset of `words` words). */
  countIn(value: number, within: Uint32Array, words: number): number {
    let n = 0;
    const set = this.bits[value];
    if (set) {
      for (let w = 0; w < words; w++) {
        const bits = (within[w] as number) & (set[w] as number);
        if (bits !== 0) n += popcount(bits);
      }
      return n;
    }
    const list = this.lists[value];
    const size = this.sizes[value] ?? 0;
    for (let i = 0; i < size; i++) {
      const s = (list as Int32Array)[i] as number;
      if (((within[s >>> 5] as number) & (1 << (s & 31))) !== 0) n++;
    }
    return n;
  }
}

/** Set bits of a 32-bit word. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}
