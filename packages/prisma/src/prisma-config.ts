import { migrationAdapterFactory } from './migration-adapter.js';

export interface StoregraphPrismaConfigOptions {
  /** Path of schema.prisma, relative to the subgraph. */
  schema?: string;
  /** Environment variable holding the database URL. */
  urlVariable?: string;
}

/**
 * The one Prisma CLI configuration every Postgres subgraph uses: the JavaScript
 * schema engine over our offline adapter. Returned as a plain object so that this
 * package needs no dependency on the CLI; each subgraph's prisma.config.ts passes it
 * to `defineConfig`.
 */
export function storegraphPrismaConfig(options: StoregraphPrismaConfigOptions = {}) {
  const variable = options.urlVariable ?? 'DATABASE_URL';
  return {
    experimental: { adapter: true },
    engine: 'js' as const,
    schema: options.schema ?? 'prisma/schema.prisma',
    async adapter() {
      const url = process.env[variable];
      if (!url) throw new Error(`${variable} must be set for Prisma's migration commands`);
      return migrationAdapterFactory(url);
    },
  };
}
