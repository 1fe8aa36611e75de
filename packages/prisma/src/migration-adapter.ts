import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { CatalogTextClient } from './catalog-text-client.js';
import { connectionFields, quoteIdent } from './connection.js';

type ShadowCapableFactory = PrismaPg & {
  connectToShadowDb(): ReturnType<PrismaPg['connect']>;
};

/**
 * The driver adapter factory that Prisma's CLI uses with `engine: "js"` (the bundled
 * WASM schema engine), made to work offline against Postgres:
 * - discrete connection fields, so the shadow database really is another database;
 * - pg_catalog `name`/`"char"` columns reported as text (prisma/orm#27403);
 * - the shadow database created and dropped here, after its pool has closed (the
 *   adapter's own version drops it while its pool still holds connections);
 * - `allowExitOnIdle`, so an idle pool does not keep the CLI alive for ten seconds.
 */
export function migrationAdapterFactory(url: string): ShadowCapableFactory {
  const base: pg.PoolConfig = {
    ...connectionFields(url),
    Client: CatalogTextClient as unknown as typeof pg.Client,
    allowExitOnIdle: true,
    idleTimeoutMillis: 200,
  };
  const factory = new PrismaPg(base) as ShadowCapableFactory;
  factory.connectToShadowDb = async () => {
    const shadowName = `storegraph_shadow_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ ...connectionFields(url), database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(shadowName)}`);
    } finally {
      await admin.end();
    }
    const shadow = new PrismaPg({ ...base, database: shadowName });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client({ ...connectionFields(url), database: 'postgres' });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${quoteIdent(shadowName)} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    };
    return adapter;
  };
  return factory;
}
