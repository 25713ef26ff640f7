/**
 * Every migration, in order. A static list rather than a directory scan, so the compiled build
 * (dist/, no .ts files) runs exactly the same migrations. Add new ones at the end.
 */
import { initialMigration } from './001-initial.js';
import type { WarroomMigration } from './migration.js';

export const MIGRATIONS: readonly WarroomMigration[] = [initialMigration];

export type { WarroomMigration } from './migration.js';
