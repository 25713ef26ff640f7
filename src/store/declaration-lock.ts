/**
 * The lock that serializes one incident's declaration steps (channel, invites, posts, page) across replicas, so the
 * replica that resumes a declaration another one is still running waits for it instead of creating a second war room.
 * It only ever delays: after `waitMs`, or when the database cannot take the lock, the work runs without it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SqlDialect } from './db/schema.js';

export type DeclarationLock = <T>(incidentId: number, work: (lock: { acquired: boolean }) => Promise<T>) => Promise<T>;

export interface DeclarationLockOptions {
  /** How long to wait for another holder before running without the lock. */
  waitMs?: number;
  /** PostgreSQL: how often a waiter asks again; it holds no connection in between. */
  pollMs?: number;
  /**
   * PostgreSQL: most pool connections held by locks at once. A holder keeps its connection for the whole work, and
   * the work's own queries need the pool too, so the holders must leave some of it free (the pool has at least 4).
   */
  maxHeldConnections?: number;
}

/**
 * First key of the two-key advisory locks taken here; distinct from incident-repository.ts's dedupe class ("wrdk"),
 * so a declaration's steps and a dedupe check never wait for each other.
 */
const DECLARATION_LOCK_CLASS = 0x77_72_64_6c; // "wrdl"
const DEFAULT_WAIT_MS = 30_000;

export function createDeclarationLock(db: Kysely<Database>, dialect: SqlDialect, options: DeclarationLockOptions = {}): DeclarationLock {
  // SQLite serves one process (other processes only share the file for tools and tests): a mutex in memory suffices.
  return dialect === 'sqlite' ? createInProcessDeclarationLock(options) : createPostgresDeclarationLock(db, options);
}

/** One holder per incident id within this process; later callers queue behind it, each for at most `waitMs`. */
export function createInProcessDeclarationLock(options: Pick<DeclarationLockOptions, 'waitMs'> = {}): DeclarationLock {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const tails = new Map<number, Promise<void>>();
  return async (incidentId, work) => {
    const previous = tails.get(incidentId);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    tails.set(incidentId, mine);
    try {
      const acquired = previous === undefined || (await settlesWithin(previous, waitMs));
      return await work({ acquired });
    } finally {
      release();
      if (tails.get(incidentId) === mine) tails.delete(incidentId);
    }
  };
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  const controller = new AbortController();
  const timedOut = sleep(ms, false, { signal: controller.signal }).catch(() => false);
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    controller.abort();
  }
}

/**
 * A session-level advisory lock on a connection kept for the duration of the work; the work's queries use other pool
 * connections. A replica that dies (or loses its connection) releases the lock with the session. Waiters poll with
 * pg_try_advisory_lock rather than block in pg_advisory_lock, so waiting never ties up a connection.
 */
function createPostgresDeclarationLock(db: Kysely<Database>, options: DeclarationLockOptions): DeclarationLock {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const pollMs = options.pollMs ?? 100;
  const maxHeld = options.maxHeldConnections ?? 3;
  let held = 0;

  return async function withLock<T>(incidentId: number, work: (lock: { acquired: boolean }) => Promise<T>): Promise<T> {
    const deadline = Date.now() + waitMs;
    let workStarted = false;
    const runLocked = (): Promise<{ ran: true; value: T } | { ran: false }> =>
      db.connection().execute(async (conn) => {
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${sql.lit(DECLARATION_LOCK_CLASS)}, ${incidentId}::int) as locked`.execute(conn);
        if (rows[0]?.locked !== true) return { ran: false };
        try {
          workStarted = true;
          return { ran: true, value: await work({ acquired: true }) };
        } finally {
          // A failure here means the session is gone, and the lock with it.
          await sql`select pg_advisory_unlock(${sql.lit(DECLARATION_LOCK_CLASS)}, ${incidentId}::int)`.execute(conn).catch(() => undefined);
        }
      });

    while (Date.now() < deadline) {
      if (held < maxHeld) {
        held += 1;
        try {
          const attempt = await runLocked();
          if (attempt.ran) return attempt.value;
        } catch (err) {
          if (workStarted) throw err;
          // The database could not take the lock (no connection, server gone): the work decides what it can still do.
          return work({ acquired: false });
        } finally {
          held -= 1;
        }
      }
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
    }
    return work({ acquired: false });
  };
}
