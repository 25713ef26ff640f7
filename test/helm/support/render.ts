/**
 * Renders deploy/helm/warroom like `helm template`: with a real `helm` when one is on PATH, else with
 * tools/helm-render (Go text/template + sprig, Helm's engine), built once into a temp dir with Debian's Go in GOPATH
 * mode. Without helm, Go or sprig the chart tests are skipped with a loud warning, except under CI (env CI set),
 * where that is an error.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHART_DIR = join(REPO_ROOT, 'deploy/helm/warroom');
const GOPATH = '/usr/share/gocode';
const SPRIG_SOURCE = join(GOPATH, 'src/github.com/Masterminds/sprig');

export interface Renderer {
  /** "helm" or "tools/helm-render", for the test names. */
  name: string;
  command: string;
  /** Arguments before the release name and chart. */
  prefix: string[];
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface RenderResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  manifests: Manifest[];
}

export interface RenderOptions {
  /** --set a.b=c entries. */
  set?: Record<string, string | number | boolean>;
  /** -f files, in order. */
  valuesFiles?: string[];
}

function onPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function buildGoRenderer(): { binary: string } | { reason: string } {
  const go = onPath('go');
  if (!go) return { reason: 'no go on PATH (apt-get install -y golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev)' };
  if (!existsSync(SPRIG_SOURCE)) return { reason: `no sprig sources at ${SPRIG_SOURCE} (apt-get install -y golang-github-masterminds-sprig-dev)` };
  const binary = join(mkdtempSync(join(tmpdir(), 'warroom-helm-render-')), 'helm-render');
  const build = spawnSync(go, ['build', '-o', binary, './tools/helm-render'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    // GOPATH mode: Debian's Go library packages are sources under /usr/share/gocode, not modules.
    env: { ...process.env, GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOCACHE: join(tmpdir(), 'warroom-go-cache') },
  });
  // A renderer that does not compile is a bug in this repository: fail, do not skip.
  if (build.status !== 0) throw new Error(`go build ./tools/helm-render failed:\n${build.stderr}`);
  return { binary };
}

let cached: Renderer | null | undefined;

/** The renderer to use, or null (after a loud warning) when none is available outside CI. */
export function chartRenderer(env: NodeJS.ProcessEnv = process.env): Renderer | null {
  if (cached !== undefined) return cached;
  const helm = onPath('helm');
  if (helm) return (cached = { name: 'helm', command: helm, prefix: ['template'] });
  const built = buildGoRenderer();
  if ('binary' in built) return (cached = { name: 'tools/helm-render', command: built.binary, prefix: [] });
  const reason = `no helm on PATH and the Go renderer cannot be built: ${built.reason}`;
  if (env.CI) throw new Error(`Helm chart rendering is required under CI but ${reason}`);
  const line = '!'.repeat(100);
  console.warn(`\n${line}\nHelm chart tests SKIPPED: ${reason}\n${line}\n`);
  return (cached = null);
}

/** `helm template warroom deploy/helm/warroom -n warroom [-f …] [--set …]`, parsed into manifests. */
export function renderChart(renderer: Renderer, options: RenderOptions = {}): RenderResult {
  const args = [...renderer.prefix, 'warroom', CHART_DIR, '--namespace', 'warroom'];
  for (const file of options.valuesFiles ?? []) args.push('-f', file);
  for (const [key, value] of Object.entries(options.set ?? {})) args.push('--set', `${key}=${String(value)}`);
  const run = spawnSync(renderer.command, args, { encoding: 'utf8' });
  if (run.error) throw run.error;
  const ok = run.status === 0;
  return { ok, stdout: run.stdout, stderr: run.stderr, manifests: ok ? parseManifests(run.stdout) : [] };
}

export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
    const value = doc.toJS() as Manifest | null;
    return value ? [value] : [];
  });
}

/** The one manifest of this kind (and name, when given); throws when there is none or several. */
export function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}: ${manifests.map((m) => m.kind).join(', ')}`);
  return found[0] as Manifest;
}
