import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createStore, DEFAULT_SQLITE_PATH, parseDatabaseUrl } from '../../../src/store/index.js';
import type { SqlStore } from '../../../src/store/index.js';
import { createTestDatabase } from '../../support/postgres.js';

describe('parseDatabaseUrl', () => {
  it('defaults to the SQLite file under ./data when unset or empty', () => {
    expect(DEFAULT_SQLITE_PATH).toBe('./data/warroom.db');
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', path: './data/warroom.db' });
    expect(parseDatabaseUrl('  ')).toEqual({ dialect: 'sqlite', path: './data/warroom.db' });
  });

  it('accepts sqlite:PATH, sqlite::memory: and the sqlite:// spellings', () => {
    expect(parseDatabaseUrl('sqlite:./x/y.db')).toEqual({ dialect: 'sqlite', path: './x/y.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('sqlite:///var/lib/warroom.db')).toEqual({ dialect: 'sqlite', path: '/var/lib/warroom.db' });
  });

  it('accepts postgres:// and postgresql://', () => {
    expect(parseDatabaseUrl('postgres://u:p@db:5432/warroom')).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db:5432/warroom' });
    expect(parseDatabaseUrl('postgresql://db/warroom').dialect).toBe('postgres');
  });

  it('rejects anything else, naming the accepted forms without echoing the URL', () => {
    const attempt = () => parseDatabaseUrl('mysql://root:s3cret@db/warroom');
    expect(attempt).toThrow(/"mysql:" URL.*sqlite:PATH.*sqlite::memory:.*postgres:\/\//);
    expect(attempt).not.toThrow(/s3cret/);
    expect(() => parseDatabaseUrl('warroom.db')).toThrow(/not a URL.*Accepted forms/);
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a file path/);
  });
});

describe('createStore on SQLite', () => {
  const stores: SqlStore[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the directory and opens the file in WAL mode with FULL sync, foreign keys and a busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-create-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'deeper', 'warroom.db');
    const store = await createStore({ databaseUrl: `sqlite:${path}`, busyTimeoutMs: 7_000 });
    stores.push(store);

    expect(store.dialect).toBe('sqlite');
    expect(existsSync(path)).toBe(true);
    const pragma = async (name: string) => (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db)).rows[0];
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await pragma('synchronous')).toEqual({ synchronous: 2 });
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await pragma('busy_timeout')).toEqual({ timeout: 7_000 });
  });

  it('opens sqlite::memory: and answers ping', async () => {
    const store = await createStore({ databaseUrl: 'sqlite::memory:' });
    stores.push(store);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('close is idempotent and ping fails afterwards', async () => {
    const store = await createStore({ databaseUrl: 'sqlite::memory:' });
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('rejects an unsupported URL before touching anything', async () => {
    await expect(createStore({ databaseUrl: 'redis://localhost' })).rejects.toThrow(/Accepted forms/);
  });
});

describe('createStore on an unreachable PostgreSQL', () => {
  it('fails within the connection timeout with a message naming the server, not the password', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const opening = createStore({ databaseUrl: 'postgres://warroom:s3cret@127.0.0.1:1/warroom', connectionTimeoutMs: 2_000 });
    await expect(opening).rejects.toThrow(/Cannot open the database \(PostgreSQL 127\.0\.0\.1:1\/warroom\)/);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});

describe.skipIf(inject('pgUrl') === null)('createStore on PostgreSQL', () => {
  it('sets a statement timeout, so a stuck query is cancelled instead of hanging', async () => {
    const store = await createStore({ databaseUrl: await createTestDatabase(inject('pgUrl') as string), statementTimeoutMs: 300 });
    try {
      expect(store.dialect).toBe('postgres');
      const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(store.db);
      expect(rows[0]?.statement_timeout).toBe('300ms');
      await expect(sql`select pg_sleep(5)`.execute(store.db)).rejects.toThrow(/statement timeout/);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
