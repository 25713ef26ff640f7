/**
 * Finding `prometheus` and `promtool` (Debian package `prometheus`: /usr/bin), and the skip policy of the
 * real-Prometheus tests, the same as PostgreSQL's in global-setup.ts: without the binaries the tests are skipped
 * with a loud warning, except under CI (env CI set), where that is an error.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface PrometheusBinaries {
  prometheus: string;
  promtool: string;
}

export type PrometheusLookup = { found: true; binaries: PrometheusBinaries } | { found: false; reason: string };

export function findPrometheusBinaries(pathEnv = ''): PrometheusLookup {
  const dirs = [...pathEnv.split(delimiter).filter((dir) => dir !== ''), '/usr/bin', '/usr/local/bin'];
  const dir = dirs.find((d) => existsSync(join(d, 'prometheus')) && existsSync(join(d, 'promtool')));
  if (dir) return { found: true, binaries: { prometheus: join(dir, 'prometheus'), promtool: join(dir, 'promtool') } };
  return { found: false, reason: 'no prometheus and promtool on PATH or in /usr/bin (install them: apt-get install -y prometheus)' };
}

/**
 * For a test file: the binaries, or null to skip (after a loud warning). Throws under CI, where they must exist.
 * Use as `const binaries = prometheusBinariesForTests(); describe.skipIf(!binaries)(…)`.
 */
export function prometheusBinariesForTests(env: NodeJS.ProcessEnv = process.env): PrometheusBinaries | null {
  const lookup = findPrometheusBinaries(env.PATH);
  if (lookup.found) return lookup.binaries;
  if (env.CI) throw new Error(`Prometheus is required under CI but ${lookup.reason}`);
  const line = '!'.repeat(100);
  console.warn(`\n${line}\nReal-Prometheus tests SKIPPED: ${lookup.reason}\n${line}\n`);
  return null;
}

