import { createHash } from 'node:crypto';

/** murmur3's 32-bit finaliser: a bijection on 32 bits that spreads nearby inputs apart. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A small seeded generator (sfc32: 128 bits of state, so streams seeded with
 * different values do not overlap the way one-word generators' streams can).
 * Every draw of the seed goes through one of these; nothing reads Math.random.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(stream ^ 0x7f4a7c15);
    this.c = mix32((seed + Math.imul(stream, 0x632be5ab)) ^ 0x2545f491);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** `count` distinct items, in the order they have in `items`. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i] as T);
  }

  /** `count` neighbouring items starting at a random position. */
  run<T>(items: readonly T[], count: number): T[] {
    const wanted = Math.min(count, items.length);
    const start = this.int(0, items.length - wanted);
    return items.slice(start, start + wanted);
  }

  /** Approximately normal (Irwin-Hall of four uniforms), no transcendental functions. */
  normal(mean: number, deviation: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 2) * deviation * Math.sqrt(3);
  }
}

/** Fixed namespace of the seed's name-based UUIDs. */
const NAMESPACE = Buffer.from('5f0d8c4a2b7e4d1f9a3c6e8b1d2f4a70', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of a namespace and the name), so
 * `seedUuid('product:42')` is the same on every run and every machine.
 */
export function seedUuid(name: string): string {
  const digest = createHash('sha1').update(NAMESPACE).update(name).digest();
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x50;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Lower-case words joined by hyphens: `^[a-z0-9]+(?:-[a-z0-9]+)*$`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
