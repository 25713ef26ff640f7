/**
 * A throwaway PostgreSQL for the store tests: initdb into a temporary directory, start it on a free loopback port,
 * remove it all afterwards. PostgreSQL refuses to run as root (CI and these machines run as root), so as root the
 * binaries run as the `postgres` user through runuser, in a directory chowned to it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../src/playground/free-port.js';

const run = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';

export type BinariesLookup = { found: true; binDir: string } | { found: false; reason: string };

export interface PostgresServer {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
  /** Shuts the server down (fast: connections are cut) and starts it again on the same port, for the HA drills. */
  halt(): Promise<void>;
  resume(): Promise<void>;
}

/** The newest Debian install (/usr/lib/postgresql/<major>/bin), else initdb and pg_ctl on PATH. */
export function findPostgresBinaries(pathEnv = ''): BinariesLookup {
  const hasTools = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const majors = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const binDir = join(DEBIAN_ROOT, major, 'bin');
    if (hasTools(binDir)) return { found: true, binDir };
  }
  const onPath = pathEnv.split(delimiter).find((dir) => dir !== '' && hasTools(dir));
  if (onPath) return { found: true, binDir: onPath };
  return {
    found: false,
    reason: `no initdb/pg_ctl under ${DEBIAN_ROOT}/*/bin or on PATH (install it: apt-get install -y postgresql)`,
  };
}

export async function startPostgres(binDir: string): Promise<PostgresServer> {
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'warroom-pg-'));
  const dataDir = join(dir, 'data');
  // As root: run as `postgres`, from a directory it owns (it cannot even read root's working directory).
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(binDir, tool), ...args]] : [join(binDir, tool), args];
    await run(file, argv, { cwd: dir, timeout: 60_000 });
  };
  try {
    if (asRoot) await run('chown', ['-R', 'postgres:postgres', dir]);
    await exec('initdb', ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '-D', dataDir]);
    const port = await startOnFreePort(exec, dir, dataDir);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      halt: () => exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w']),
      resume: () => exec('pg_ctl', ['start', '-D', dataDir, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', serverOptions(port, dir)]),
      async stop() {
        await exec('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    const log = await readFile(join(dir, 'log'), 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Could not start the test PostgreSQL from ${binDir}: ${describe(err)}${log ? `\n--- server log ---\n${log}` : ''}`);
  }
}

/** A new, empty database on the test server; returns its URL. One per test file (or test) keeps them independent. */
export async function createTestDatabase(pgUrl: string): Promise<string> {
  const name = `warroom_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

type Exec = (tool: string, args: string[]) => Promise<void>;

const serverOptions = (port: number, socketDir: string): string =>
  `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;

/** The port is free when probed but may be taken before the server binds it: try a few. */
async function startOnFreePort(exec: Exec, dir: string, dataDir: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      await exec('pg_ctl', ['start', '-D', dataDir, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', serverOptions(port, dir)]);
      return port;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}


function describe(err: unknown): string {
  const stderr = (err as { stderr?: unknown }).stderr;
  const message = err instanceof Error ? err.message : String(err);
  return typeof stderr === 'string' && stderr.trim() !== '' && !message.includes(stderr.trim()) ? `${message}\n${stderr}` : message;
}
