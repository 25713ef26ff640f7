/** The storage layer's public surface: deps.ts and the CLI import from here. */
export { createStore } from './create-store.js';
export type { CreateStoreOptions, SqlStore } from './create-store.js';
export { assertKnownMigrations, migrateToLatest, migrationStatus, UnknownMigrationsError } from './migrate.js';
export type { MigrateOptions, MigrationState, MigrationStatus } from './migrate.js';
export { DEFAULT_SQLITE_PATH, describeTarget, parseDatabaseUrl } from './db/database-url.js';
export type { DatabaseTarget } from './db/database-url.js';
export { openDatabase } from './db/open-database.js';
export type { ConnectionOptions } from './db/open-database.js';
export type { Database, DbHandle, SqlDialect } from './db/schema.js';
