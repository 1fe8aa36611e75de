import { connectionFields } from '@storegraph/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED_PRODUCTS, parseSeedArgs, runSeedCli } from '../src/seed/index.js';

const databaseUrl = process.env.DATABASE_URL as string;
const client = new pg.Client(connectionFields(databaseUrl));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

beforeAll(async () => {
  await client.connect();
  await client.query('TRUNCATE product_variants, products, categories, brands CASCADE');
});

afterAll(async () => {
  await client.end();
});

describe('parseSeedArgs', () => {
  it('takes --products, then SEED_PRODUCTS, then the default of 10000', () => {
    expect(parseSeedArgs([], {})).toEqual({ products: DEFAULT_SEED_PRODUCTS, quiet: false, help: false });
    expect(DEFAULT_SEED_PRODUCTS).toBe(10_000);
    expect(parseSeedArgs(['--products', '250'], {}).products).toBe(250);
    expect(parseSeedArgs(['--products=250', '--quiet'], {})).toEqual({ products: 250, quiet: true, help: false });
    expect(parseSeedArgs([], { SEED_PRODUCTS: '1200' }).products).toBe(1200);
    expect(parseSeedArgs(['--products', '7'], { SEED_PRODUCTS: '1200' }).products).toBe(7);
    expect(parseSeedArgs([], { SEED_PRODUCTS: '' }).products).toBe(DEFAULT_SEED_PRODUCTS);
    expect(parseSeedArgs(['--products', '5000000'], {}).products).toBe(5_000_000);
    expect(parseSeedArgs(['--products', '1_000_000'], {}).products).toBe(1_000_000);
    expect(parseSeedArgs(['-h'], {}).help).toBe(true);
  });

  it('rejects counts that are not whole numbers from 1 to 5,000,000 and unknown arguments', () => {
    for (const bad of ['abc', '0', '-3', '1.5', '1e6', '5000001', '', '99999999999999999999']) {
      expect(() => parseSeedArgs(['--products', bad], {}), bad).toThrow(/--products must be a whole number from 1/);
    }
    expect(() => parseSeedArgs([], { SEED_PRODUCTS: 'many' })).toThrow(/SEED_PRODUCTS must be a whole number/);
    expect(() => parseSeedArgs(['--products'], {})).toThrow(/--products needs a value/);
    expect(() => parseSeedArgs(['--product', '5'], {})).toThrow(/unknown argument "--product"/);
  });
});

describe('runSeedCli', () => {
  it('exits 2 with one line and no stack on bad arguments or a missing DATABASE_URL', async () => {
    for (const [argv, env, message] of [
      [['--products', 'ten'], { DATABASE_URL: databaseUrl }, /^seed: --products must be a whole number/],
      [['--products', '0'], { DATABASE_URL: databaseUrl }, /^seed: --products must be a whole number/],
      [['--verbose'], { DATABASE_URL: databaseUrl }, /^seed: unknown argument "--verbose"/],
      [[], {}, /^seed: DATABASE_URL is not set$/],
    ] as const) {
      const { out, err, io } = capture();
      expect(await runSeedCli(argv, env, io)).toBe(2);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
      expect(err[0]).not.toMatch(/\n|\bat .*:\d+:\d+/);
    }
  });

  it('exits 1 with one line when the database is unreachable', async () => {
    const { out, err, io } = capture();
    const code = await runSeedCli(['--quiet'], { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere' }, io);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^seed: cannot connect to the database at 127\.0\.0\.1:1\/nowhere: \S+/);
  });

  it('seeds, reporting progress on stderr and a summary on stdout; --quiet keeps stderr empty', async () => {
    const first = capture();
    expect(await runSeedCli([], { DATABASE_URL: databaseUrl, SEED_PRODUCTS: '120' }, first.io)).toBe(0);
    expect(first.err.length).toBeGreaterThanOrEqual(1);
    for (const line of first.err) expect(line).toMatch(/^products \d+\/120 \(\d+\.\d s\)$/);
    expect(first.err.at(-1)).toMatch(/^products 120\/120 /);
    expect(first.out).toHaveLength(1);
    expect(first.out[0]).toMatch(/^seeded 120 products in \d+\.\d s: wrote 120 products, \d+ variants, \d+ categories/);
    expect(first.out[0]).toMatch(/catalog holds 120 products/);

    const again = capture();
    expect(await runSeedCli(['--products', '120', '--quiet'], { DATABASE_URL: databaseUrl }, again.io)).toBe(0);
    expect(again.err).toEqual([]);
    expect(again.out[0]).toMatch(/wrote 0 products, 0 variants, 0 categories, 0 brands \(120 products were already/);

    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
    expect(rows[0]?.n).toBe(120);
  });

  it('prints its usage for --help', async () => {
    const { out, err, io } = capture();
    expect(await runSeedCli(['--help'], {}, io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^usage: seed \[--products N\] \[--quiet\]/);
  });
});
