/**
 * Every migration, in order. A static list rather than a directory scan, so the compiled build
 * (dist/, no .ts files) runs exactly the same migrations. Add new ones at the end.
 */
import { initialMigration } from './001-initial.js';
import { deployChecksMigration } from './002-deploy-checks.js';
import { inboundEventsMigration } from './003-inbound-events.js';
import { mitigationsMigration } from './004-mitigations.js';
import { postmortemsMigration } from './005-postmortems.js';
import type { WarroomMigration } from './migration.js';

export const MIGRATIONS: readonly WarroomMigration[] = [
  initialMigration,
  deployChecksMigration,
  inboundEventsMigration,
  mitigationsMigration,
  postmortemsMigration,
];

export type { WarroomMigration } from './migration.js';
