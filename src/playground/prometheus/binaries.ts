/**
 * Finding `prometheus` and `promtool` (Debian package `prometheus`: /usr/bin) for the playground and the tests.
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
