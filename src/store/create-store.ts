/** Opens the database named by DATABASE_URL, migrates it, and assembles the repositories into a Store. */
import { sql } from 'kysely';
import { describeError } from '../core/errors.js';
import type { Clock, Logger, Store } from '../core/ports.js';
import { describeTarget, parseDatabaseUrl } from './db/database-url.js';
import { openDatabase } from './db/open-database.js';
import type { ConnectionOptions } from './db/open-database.js';
import type { DbHandle } from './db/schema.js';
import { KyselyActionItemRepository } from './action-item-repository.js';
import { KyselyDeployCheckRepository } from './deploy-check-repository.js';
import { KyselyInboundEventRepository } from './inbound-event-repository.js';
import { KyselyIncidentRepository } from './incident-repository.js';
import { KyselyJobRepository } from './job-repository.js';
import { assertKnownMigrations, migrateToLatest, UnknownMigrationsError } from './migrate.js';
import { KyselyMitigationRepository } from './mitigation-repository.js';
import { KyselyPostmortemRepository } from './postmortem-repository.js';
import { KyselyTimelineRepository } from './timeline-repository.js';

export interface CreateStoreOptions extends ConnectionOptions {
  /** Unset: SQLite at ./data/warroom.db; `sqlite:PATH`; `postgres://…` or `postgresql://…`. */
  databaseUrl?: string;
  logger?: Logger;
  /** Run pending migrations on open (default true). Either way, a database with unknown migrations is refused. */
  migrate?: boolean;
  /** Stamps created_at/updated_at; defaults to the system clock. */
  clock?: Clock;
}

/** A Store that also exposes its Kysely handle, for migrations and tests. */
export interface SqlStore extends Store, DbHandle {}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };
const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export async function createStore(options: CreateStoreOptions = {}): Promise<SqlStore> {
  const target = parseDatabaseUrl(options.databaseUrl);
  const logger = options.logger ?? SILENT_LOGGER;
  const handle = openDatabase(target, { ...options, logger });
  try {
    if (options.migrate ?? true) {
      const applied = await migrateToLatest(handle);
      if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    } else {
      await assertKnownMigrations(handle);
    }
  } catch (err) {
    await handle.db.destroy().catch(() => undefined);
    if (err instanceof UnknownMigrationsError) throw err;
    throw new Error(`Cannot open the database (${describeTarget(target)}): ${describeError(err)}`, { cause: err });
  }
  logger.info({ database: describeTarget(target) }, 'database ready');
  return assembleStore(handle, options.clock ?? SYSTEM_CLOCK, logger);
}

function assembleStore(handle: DbHandle, clock: Clock, logger: Logger): SqlStore {
  const { db, dialect } = handle;
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    incidents: new KyselyIncidentRepository(db, dialect, clock),
    timeline: new KyselyTimelineRepository(db, clock, { groupCommit: dialect === 'sqlite' }),
    jobs: new KyselyJobRepository(db, dialect, clock, logger),
    deployChecks: new KyselyDeployCheckRepository(db, clock),
    inbound: new KyselyInboundEventRepository(db),
    mitigations: new KyselyMitigationRepository(db, clock),
    postmortems: new KyselyPostmortemRepository(db, clock),
    actionItems: new KyselyActionItemRepository(db, clock),
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      // Idempotent: graceful shutdown may close from more than one path.
      closing ??= db.destroy();
      return closing;
    },
  };
}
