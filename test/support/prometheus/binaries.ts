/**
 * The skip policy of the real-Prometheus tests, the same as PostgreSQL's in global-setup.ts: without the binaries the
 * tests are skipped with a loud warning, except under CI (env CI set), where that is an error.
 */
import { findPrometheusBinaries, type PrometheusBinaries } from '../../../src/playground/prometheus/index.js';

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

