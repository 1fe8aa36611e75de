export { CatalogTextClient } from './catalog-text-client.js';
export { type ClientAdapterOptions, clientAdapter, createPrismaClient, directSql } from './client-adapter.js';
export { connectionFields, databaseName, quoteIdent, withDatabase } from './connection.js';
export { dropDatabase, ensureDatabase, listDatabases, postgresAnswers } from './databases.js';
export {
  DirectSql,
  type RawSql,
  type SqlStatement,
  type SqlTag,
  type TransactionOptions,
  TransactionTimeout,
} from './direct-sql.js';
export { applyMigrations, type MigrateResult, type MigrationFile, readMigrations } from './migrate.js';
export { migrationAdapterFactory } from './migration-adapter.js';
export { type StoregraphPrismaConfigOptions, storegraphPrismaConfig } from './prisma-config.js';
