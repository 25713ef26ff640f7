/**
 * The runtime image's file list, tested without a Docker engine: the runtime stage's tree is assembled by following
 * the Dockerfile (support/image-tree.ts), then the bot runs from that tree alone: help, config validate, migrate, and
 * a real start against the fake Slack with /healthz and /readyz answering, stopped by SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/playground/free-port.js';
import { startFakeSlack, type FakeSlack } from '../../src/playground/slack/index.js';
import { execForm, instructionsOf, readDockerfile, type Stage } from './support/dockerfile.js';
import { readDockerIgnore } from './support/dockerignore.js';
import { assembleRuntimeImage, listTree, type AssembledImage, type TreeEntry } from './support/image-tree.js';
import { runProcess } from './support/process.js';

const repo = new URL('../../', import.meta.url).pathname;
const dockerfile = readDockerfile(join(repo, 'Dockerfile'));
const runtime = dockerfile.stages.at(-1) as Stage;

let scratch = '';
let image: AssembledImage;
let app = '';
let tree: TreeEntry[] = [];

/** The container's command line: ENTRYPOINT + arguments, with this machine's node for `node`. */
function containerCommand(args: string[]): { command: string; args: string[] } {
  const entrypoint = execForm(instructionsOf(runtime, 'ENTRYPOINT').at(-1)?.args ?? '') ?? [];
  const [first, ...rest] = entrypoint;
  if (first !== 'node') throw new Error(`ENTRYPOINT should start with node, got ${JSON.stringify(entrypoint)}`);
  return { command: process.execPath, args: [...rest, ...args] };
}

/** Only what the image would have: no inherited NODE_OPTIONS or NODE_PATH that could reach this repository. */
function containerEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: scratch, ...image.env, ...extra };
}

function run(args: string[], env: Record<string, string> = {}) {
  const { command, args: argv } = containerCommand(args);
  return runProcess(command, argv, { cwd: app, env: containerEnv(env), timeoutMs: 60_000 });
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'warroom-image-'));
  const started = Date.now();
  image = await assembleRuntimeImage({ repo, dockerfile, ignore: readDockerIgnore(join(repo, '.dockerignore')), scratch, log: (line) => console.log(line) });
  app = join(image.root, image.workdir);
  tree = listTree(image.root);
  const bytes = tree.reduce((sum, entry) => sum + entry.size, 0);
  const modules = tree.filter((entry) => entry.path.startsWith(`${image.workdir.slice(1)}/node_modules/`)).reduce((sum, entry) => sum + entry.size, 0);
  console.log(
    `runtime image tree assembled in ${((Date.now() - started) / 1000).toFixed(1)} s: ${(bytes / 1024 / 1024).toFixed(1)} MB ` +
      `(node_modules ${(modules / 1024 / 1024).toFixed(1)} MB, ${tree.length} entries) on top of the base image`,
  );
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('runtime image file list', () => {
  it('holds the compiled bot, its templates and static files, and production dependencies only', () => {
    const paths = new Set(tree.map((entry) => entry.path));
    const at = (path: string) => `${image.workdir.slice(1)}/${path}`;
    for (const needed of ['package.json', 'dist/cli.js', 'dist/main.js', 'node_modules/better-sqlite3/package.json', 'node_modules/@slack/bolt/package.json', 'node_modules/pg/package.json']) {
      expect(paths, needed).toContain(at(needed));
    }
    expect(tree.some((entry) => entry.path.startsWith(at('dist/templates/hbs/')) && entry.path.endsWith('.hbs')), 'Handlebars templates').toBe(true);
    expect(tree.some((entry) => entry.path.startsWith(at('dist/playground/web/static/'))), 'playground static files').toBe(true);
    // The native module must be there: without it every start fails on the first database access.
    expect(tree.some((entry) => entry.path.startsWith(at('node_modules/better-sqlite3/')) && entry.path.endsWith('.node'))).toBe(true);

    // npm marks every package needed only by devDependencies `dev: true` in the lockfile (a devDependency that a
    // production package also needs, such as @types/node, is not marked and may ship).
    const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && entry.dev === true).map(([path]) => path);
    expect(devOnly.length).toBeGreaterThan(0);
    expect(devOnly.filter((path) => paths.has(at(path))), 'dev-only packages in the image').toEqual([]);
    for (const tool of ['vitest', 'typescript', 'eslint', 'tsx']) expect(paths).not.toContain(at(`node_modules/${tool}`));
  });

  it('holds no sources, tests, benchmarks, scripts, secrets or local state', () => {
    const own = tree.filter((entry) => !entry.path.includes('/node_modules/')).map((entry) => entry.path);
    const forbidden = own.filter(
      (path) =>
        /(^|\/)(src|test|bench|scripts|\.git|coverage|test-artifacts|data)(\/|$)/.test(path) ||
        (/\.(ts|mts|cts)$/.test(path) && !/\.d\.[mc]?ts$/.test(path)) ||
        /(^|\/)(\.env[^/]*|warroom\.yml|[^/]*\.db(-wal|-shm|-journal)?|tsconfig[^/]*\.json|Dockerfile|\.dockerignore)$/.test(path),
    );
    expect(forbidden).toEqual([]);
  });

  it('runs help, config validate on the shipped example and migrate from that tree alone', async () => {
    const help = await run(['help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: warroom <command>');

    const validate = await run(['config', 'validate', 'config/warroom.example.yml']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toBe('ok\n');

    const database = join(scratch, 'migrate.db');
    const migrate = await run(['migrate'], { DATABASE_URL: `sqlite:${database}` });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/database migrated \(sqlite\): \d+ applied, 0 pending/);
    expect(existsSync(database)).toBe(true);
  }, 60_000);

  describe('the bot started from the tree', () => {
    let fake: FakeSlack;
    let bot: ChildProcess | null = null;
    let output = '';

    beforeAll(async () => {
      fake = await startFakeSlack();
    });

    afterAll(async () => {
      if (bot && bot.exitCode === null) bot.kill('SIGKILL');
      await fake.close();
    });

    it('answers /healthz and /readyz, then stops cleanly on SIGTERM', async () => {
      const port = await freePort();
      const cmd = execForm(instructionsOf(runtime, 'CMD').at(-1)?.args ?? '') ?? [];
      expect(cmd).toEqual(['start']);
      const { command, args } = containerCommand(cmd);
      const child = spawn(command, args, {
        cwd: app,
        env: containerEnv({
          SLACK_BOT_TOKEN: fake.token,
          SLACK_API_URL: fake.apiUrl,
          SLACK_SIGNING_SECRET: 'packaging-test-signing-secret',
          PORT: String(port),
          DATABASE_URL: `sqlite:${join(scratch, 'bot.db')}`,
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      bot = child;
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

      const base = `http://127.0.0.1:${port}`;
      expect(await waitForStatus(`${base}/healthz`, 200, child), output).toBe(200);
      expect(await waitForStatus(`${base}/readyz`, 200, child), output).toBe(200);

      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000))]);
      expect(code, output).toBe(0);
      expect(output).toContain('warroom stopped');
    }, 60_000);
  });
});

/** Polls until the URL answers `status` (or the process exits, or 30 s pass); returns the last status seen. */
async function waitForStatus(url: string, status: number, child: ChildProcess): Promise<number | string> {
  const deadline = Date.now() + 30_000;
  let last: number | string = 'no answer';
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url);
      last = response.status;
      if (last === status) return last;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return child.exitCode === null ? last : `exited with ${child.exitCode}`;
}
