/**
 * Assembles the runtime stage's file tree without a Docker engine, by following the Dockerfile itself:
 * each stage gets a root directory; COPY from the context honours .dockerignore, COPY --from copies from the earlier
 * stage's root; the build stage's RUN lines run for real (offline), except the two that need the network:
 * `apt-get …` is skipped (Node and the compiler come from this machine) and `npm ci` becomes a hard-linked copy of
 * this repository's node_modules (installed from the same package-lock.json). The runtime stage's RUN lines are not
 * run (they touch the image's /): the lint test checks them.
 */
import { copyFileSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, relative } from 'node:path';
import type { DockerIgnore } from './dockerignore.js';
import { runProcess } from './process.js';
import { parseCopy, splitFlags, stageNamed, type Dockerfile, type Instruction, type Stage } from './dockerfile.js';

export interface AssembleOptions {
  repo: string;
  dockerfile: Dockerfile;
  ignore: DockerIgnore;
  /** An empty scratch directory; each stage's root is made below it. */
  scratch: string;
  log?: (line: string) => void;
}

export interface AssembledImage {
  /** The runtime stage's root directory (its `/`). */
  root: string;
  /** The runtime stage's WORKDIR inside `root`. */
  workdir: string;
  /** The runtime stage's ENV. */
  env: Record<string, string>;
  /** RUN lines of the build stages that were skipped or substituted, with why. */
  substituted: string[];
}

interface StageState {
  root: string;
  workdir: string;
  env: Record<string, string>;
}

export async function assembleRuntimeImage(options: AssembleOptions): Promise<AssembledImage> {
  const { dockerfile } = options;
  const states = new Map<Stage, StageState>();
  const substituted: string[] = [];
  const last = dockerfile.stages.at(-1);
  if (!last) throw new Error('the Dockerfile has no FROM');
  for (const stage of dockerfile.stages) {
    const state: StageState = { root: join(options.scratch, `stage-${stage.index}`), workdir: '/', env: {} };
    mkdirSync(state.root, { recursive: true });
    states.set(stage, state);
    for (const instruction of stage.instructions) {
      await applyInstruction(instruction, state, stage === last, { ...options, states, substituted });
    }
  }
  const final = states.get(last);
  if (!final) throw new Error('unreachable: the last stage has no state');
  return { root: final.root, workdir: final.workdir, env: final.env, substituted };
}

interface Context extends AssembleOptions {
  states: Map<Stage, StageState>;
  substituted: string[];
}

async function applyInstruction(instruction: Instruction, state: StageState, isRuntime: boolean, context: Context): Promise<void> {
  switch (instruction.keyword) {
    case 'WORKDIR':
      state.workdir = posix.resolve(state.workdir, instruction.args);
      mkdirSync(inside(state.root, state.workdir), { recursive: true });
      return;
    case 'ENV':
      Object.assign(state.env, parseEnv(instruction.args));
      return;
    case 'COPY':
      await copyInstruction(instruction, state, context);
      return;
    case 'ADD':
      throw new Error(`line ${instruction.line}: ADD is not simulated; use COPY`);
    case 'RUN':
      if (!isRuntime) await runBuildStep(instruction, state, context);
      return;
    default:
      return; // metadata (LABEL, USER, EXPOSE, HEALTHCHECK, ENTRYPOINT, CMD, ARG) does not change files
  }
}

function inside(root: string, absolute: string): string {
  return join(root, absolute);
}

async function copyInstruction(instruction: Instruction, state: StageState, context: Context): Promise<void> {
  const copy = parseCopy(instruction);
  const destination = posix.resolve(state.workdir, copy.destination);
  const intoDirectory = copy.destination.endsWith('/') || copy.sources.length > 1;
  for (const source of copy.sources) {
    let from: string;
    let filter: ((path: string) => boolean) | undefined;
    if (copy.from === null) {
      const relativeSource = posix.normalize(source).replace(/^\.?\/*/, '').replace(/\/+$/, '');
      if (context.ignore.ignores(relativeSource)) throw new Error(`line ${instruction.line}: ${source} is excluded by .dockerignore, so the build would fail`);
      from = join(context.repo, relativeSource);
      filter = (path) => !context.ignore.ignores(relative(context.repo, path).split('\\').join('/'));
    } else {
      const stage = stageNamed(context.dockerfile, copy.from);
      const origin = stage ? context.states.get(stage) : undefined;
      if (!origin) throw new Error(`line ${instruction.line}: --from=${copy.from} names no earlier stage`);
      from = inside(origin.root, posix.resolve('/', source));
    }
    if (!existsSync(from)) throw new Error(`line ${instruction.line}: ${source} does not exist (${from})`);
    const target = statSync(from).isDirectory() || !intoDirectory ? destination : posix.join(destination, basename(from));
    await copyTree(from, inside(state.root, target), filter);
  }
}

/** Directories merge into the target (Docker copies a directory's contents); files land at the target path. */
async function copyTree(from: string, to: string, filter?: (path: string) => boolean): Promise<void> {
  mkdirSync(statSync(from).isDirectory() ? to : dirname(to), { recursive: true });
  if (!filter && statSync(from).isDirectory()) {
    // A stage-to-stage copy of node_modules is large: hard links are instant and leave the source untouched.
    const result = await runProcess('cp', ['-al', `${from}/.`, to]);
    if (result.code !== 0) throw new Error(`cp -al ${from} ${to}: ${result.stderr}`);
    return;
  }
  cpSync(from, to, { recursive: true, ...(filter ? { filter } : {}) });
}

async function runBuildStep(instruction: Instruction, state: StageState, context: Context): Promise<void> {
  const script = instruction.args;
  const cwd = inside(state.root, state.workdir);
  if (/\bapt-get\b/.test(script)) {
    context.substituted.push(`line ${instruction.line}: skipped (system packages): ${script}`);
    return;
  }
  if (/\bnpm\s+ci\b/.test(script)) {
    if (!/^npm\s+ci(\s+--[\w-]+)*$/.test(script)) throw new Error(`line ${instruction.line}: only a plain \`npm ci [--flags]\` RUN can be simulated, got: ${script}`);
    if (!existsSync(join(cwd, 'package-lock.json'))) throw new Error(`line ${instruction.line}: npm ci before package-lock.json was copied`);
    const modules = join(cwd, 'node_modules');
    rmSync(modules, { recursive: true, force: true });
    mkdirSync(modules);
    const result = await runProcess('cp', ['-al', `${join(context.repo, 'node_modules')}/.`, modules]);
    if (result.code !== 0) throw new Error(`hard-linking node_modules failed: ${result.stderr}`);
    // npm rewrites this file when pruning: a private copy keeps the repository's own untouched.
    const hidden = join(modules, '.package-lock.json');
    if (existsSync(hidden)) {
      rmSync(hidden);
      copyFileSync(join(context.repo, 'node_modules', '.package-lock.json'), hidden);
    }
    context.substituted.push(`line ${instruction.line}: replaced by a hard-linked copy of this repository's node_modules: ${script}`);
    return;
  }
  const started = Date.now();
  const result = await runProcess('bash', ['-euo', 'pipefail', '-c', script], {
    cwd,
    timeoutMs: 240_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...state.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
  });
  if (result.code !== 0) throw new Error(`line ${instruction.line}: \`${script}\` failed (${result.code ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  context.log?.(`ran line ${instruction.line} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${script}`);
}

function parseEnv(args: string): Record<string, string> {
  const { rest } = splitFlags(args);
  const env: Record<string, string> = {};
  for (const match of rest.matchAll(/(\w+)=("([^"]*)"|'([^']*)'|\S*)/g)) {
    env[match[1] ?? ''] = match[3] ?? match[4] ?? match[2] ?? '';
  }
  return env;
}

export interface TreeEntry {
  /** Relative to the tree's root, forward slashes. */
  path: string;
  size: number;
  directory: boolean;
}

/** Every file and directory below `root` (symlinks listed, not followed). */
export function listTree(root: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const absolute = join(directory, name);
      const stats = lstatSync(absolute);
      const path = relative(root, absolute).split('\\').join('/');
      entries.push({ path, size: stats.isFile() ? stats.size : 0, directory: stats.isDirectory() });
      if (stats.isDirectory()) walk(absolute);
    }
  };
  walk(root);
  return entries;
}
