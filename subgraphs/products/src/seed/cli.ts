import { MAX_SEED_PRODUCTS } from './catalog-generator.js';
import { errorMessage, SeedError, type SeedProgress, type SeedResult, seedCatalog } from './seed-writer.js';

export const DEFAULT_SEED_PRODUCTS = 10_000;
export const USAGE = `usage: seed [--products N] [--quiet]  (N from 1 to ${MAX_SEED_PRODUCTS}, default ${DEFAULT_SEED_PRODUCTS} or $SEED_PRODUCTS; needs $DATABASE_URL)`;

export interface SeedArgs {
  products: number;
  quiet: boolean;
  help: boolean;
}

function parseCount(raw: string, source: string): number {
  const text = raw.trim().replace(/_/g, '');
  const count = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SEED_PRODUCTS) {
    throw new SeedError(`${source} must be a whole number from 1 to ${MAX_SEED_PRODUCTS}, got "${raw}"`);
  }
  return count;
}

/** `--products N` (or `--products=N`) wins over SEED_PRODUCTS, which wins over the default. */
export function parseSeedArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): SeedArgs {
  let products: string | undefined;
  let quiet = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--products') {
      const value = argv[i + 1];
      if (value === undefined) throw new SeedError('--products needs a value');
      products = value;
      i++;
    } else if (arg.startsWith('--products=')) products = arg.slice('--products='.length);
    else throw new SeedError(`unknown argument "${arg}"`);
  }
  let count = DEFAULT_SEED_PRODUCTS;
  if (products !== undefined) count = parseCount(products, '--products');
  else if (env.SEED_PRODUCTS !== undefined && env.SEED_PRODUCTS.trim() !== '') {
    count = parseCount(env.SEED_PRODUCTS, 'SEED_PRODUCTS');
  }
  return { products: count, quiet, help };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatProgress(progress: SeedProgress): string {
  return `products ${progress.done}/${progress.total} (${seconds(progress.elapsedMs)})`;
}

export function formatSummary(result: SeedResult): string {
  const { inserted, totals } = result;
  return (
    `seeded ${result.requested} products in ${seconds(result.elapsedMs)}: ` +
    `wrote ${inserted.products} products, ${inserted.variants} variants, ${inserted.categories} categories, ${inserted.brands} brands ` +
    `(${result.alreadyPresent} products were already there); ` +
    `catalog holds ${totals.products} products, ${totals.variants} variants, ${totals.categories} categories, ${totals.brands} brands`
  );
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** The seed command: returns the exit code (0 done, 1 seeding failed, 2 bad usage). */
export async function runSeedCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo = processIo,
): Promise<number> {
  let args: SeedArgs;
  try {
    args = parseSeedArgs(argv, env);
  } catch (error) {
    io.err(`seed: ${oneLine(errorMessage(error))} (${USAGE})`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    io.err('seed: DATABASE_URL is not set');
    return 2;
  }
  try {
    const result = await seedCatalog({
      databaseUrl,
      products: args.products,
      onProgress: args.quiet ? undefined : (progress) => io.err(formatProgress(progress)),
    });
    io.out(formatSummary(result));
    return 0;
  } catch (error) {
    io.err(`seed: ${oneLine(errorMessage(error))}`);
    return 1;
  }
}
