/** Turns DATABASE_URL into a connection target. Never echoes the URL back: it may hold a password. */

export const DEFAULT_SQLITE_PATH = './data/warroom.db';

export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

const ACCEPTED_FORMS =
  'leave DATABASE_URL unset (SQLite at ./data/warroom.db), or use sqlite:PATH (e.g. sqlite:./data/warroom.db, sqlite::memory:), ' +
  'or postgres://USER:PASSWORD@HOST:5432/DATABASE (postgresql:// works too)';

export function parseDatabaseUrl(databaseUrl: string | undefined): DatabaseTarget {
  const value = databaseUrl?.trim() ?? '';
  if (value === '') return { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new Error(`DATABASE_URL is not a valid PostgreSQL URL. Accepted forms: ${ACCEPTED_FORMS}.`);
    }
    return { dialect: 'postgres', url: value };
  }
  if (/^sqlite:/i.test(value)) {
    // sqlite:PATH, and the common sqlite://PATH / sqlite:///abs/path spellings.
    const rest = value.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '') throw new Error(`DATABASE_URL "sqlite:" needs a file path. Accepted forms: ${ACCEPTED_FORMS}.`);
    return { dialect: 'sqlite', path };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  const what = scheme ? `a "${scheme}:" URL` : 'not a URL';
  throw new Error(`DATABASE_URL is ${what}, which Warroom does not support. Accepted forms: ${ACCEPTED_FORMS}.`);
}

/** A loggable description of the target, without credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `SQLite ${target.path}`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
