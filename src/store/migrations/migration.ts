import type { Kysely } from 'kysely';
import type { SqlDialect } from '../db/schema.js';

/**
 * A schema change. Migrations see the dialect so they can branch where SQLite and PostgreSQL differ
 * (identity columns); everything else is written once.
 */
export interface WarroomMigration {
  /** Sorted order is run order: `NNN-description`. */
  name: string;
  // Kysely<any>: a migration must not depend on today's schema types, which describe the latest state.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  down?(db: Kysely<any>, dialect: SqlDialect): Promise<void>;
}
