import type pg from 'pg';

/**
 * Discrete connection fields from a postgres:// URL. The adapter builds the shadow
 * database's pool by overriding `database` in its config, which a `connectionString`
 * would silently win over, so migration tooling never passes a connection string.
 */
export function connectionFields(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error('database URL must use the postgres:// or postgresql:// scheme');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error('database URL must name a database');
  return {
    // URL keeps the brackets of an IPv6 literal ([::1]); pg wants the bare address.
    host: decodeURIComponent(parsed.hostname).replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database,
  };
}

/** The same server with another database name: used for admin and shadow connections. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  const name = connectionFields(url).database;
  if (!name) throw new Error('database URL must name a database');
  return name;
}

/** Quote an identifier for SQL that cannot take parameters (CREATE/DROP DATABASE). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
