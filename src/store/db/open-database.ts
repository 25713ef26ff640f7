/** The dialect factory: a Kysely instance for SQLite (better-sqlite3) or PostgreSQL (pg Pool). */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describeError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import type { DatabaseTarget } from './database-url.js';
import type { Database, DbHandle } from './schema.js';

export interface ConnectionOptions {
  logger?: Logger;
  /** SQLite: how long a writer waits for another process's write lock. */
  busyTimeoutMs?: number;
  /** PostgreSQL: server-side limit per statement; the client gives up a little later. */
  statementTimeoutMs?: number;
  /** PostgreSQL: how long to wait for a connection (network or a full pool). */
  connectionTimeoutMs?: number;
  /** PostgreSQL: pool size. */
  poolMax?: number;
}

export function openDatabase(target: DatabaseTarget, options: ConnectionOptions = {}): DbHandle {
  return target.dialect === 'sqlite' ? openSqlite(target.path, options) : openPostgres(target.url, options);
}

function openSqlite(path: string, options: ConnectionOptions): DbHandle {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  } catch (err) {
    throw new Error(`Cannot open the SQLite database at ${path}: ${describeError(err)}`);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  sqlite.pragma('foreign_keys = ON');
  // FULL: a timeline event is on disk before the bot treats it as captured.
  sqlite.pragma('synchronous = FULL');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite' };
}

function openPostgres(url: string, options: ConnectionOptions): DbHandle {
  const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    statement_timeout: statementTimeoutMs,
    // A dead network never answers: the client stops waiting shortly after the server would have cancelled.
    query_timeout: statementTimeoutMs + 5_000,
    idle_in_transaction_session_timeout: statementTimeoutMs * 2,
  });
  // Without a listener, an idle client's network error would crash the process.
  pool.on('error', (err) => options.logger?.warn({ err: describeError(err) }, 'idle PostgreSQL connection failed'));
  // The pool listens only to the clients it holds idle. A lent-out client (a declaration lock is held across Slack
  // calls) whose connection dies would emit an unheard 'error' and crash the process; the pool drops it on release.
  pool.on('connect', (client) => {
    client.on('error', (err) => options.logger?.warn({ err: describeError(err) }, 'PostgreSQL connection failed'));
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}
