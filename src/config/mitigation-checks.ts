/**
 * Mitigation rules that span several fields of warroom.yml, and the kubeconfig files it points at. Like
 * cross-checks.ts they read the raw document defensively, so they report even when other parts are malformed.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { closestMatch } from '../core/text/closest.js';
import { duplicates } from './cross-checks.js';
import type { Problem } from './problems.js';

type Raw = Record<string, unknown>;

const record = (value: unknown): Raw => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
const items = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A service's kubernetes.cluster must be configured, and its namespace one that cluster allows. */
function checkServiceTargets(root: Raw): Problem[] {
  const clusters = items(root.clusters).map(record);
  const names = clusters.flatMap((c) => str(c.name) ?? []);
  const problems: Problem[] = [];
  items(root.services).forEach((s, i) => {
    const kubernetes = record(record(s).kubernetes);
    const wanted = str(kubernetes.cluster);
    if (wanted === null) return;
    const at = `services[${i}].kubernetes`;
    const target = clusters.find((c) => str(c.name) === wanted);
    if (!target) {
      const hint = closestMatch(wanted, names);
      const known = names.length > 0 ? `one of the clusters (${names.join(', ')})` : 'a cluster listed under clusters: (none are)';
      problems.push({ path: `${at}.cluster`, message: `"${wanted}" is not ${known}${hint ? `; did you mean ${hint}?` : ''}` });
      return;
    }
    const namespace = str(kubernetes.namespace);
    const allowed = items(target.namespaces).flatMap((n) => str(n) ?? []);
    if (namespace !== null && !allowed.includes(namespace)) {
      problems.push({
        path: `${at}.namespace`,
        message: `"${namespace}" is not in cluster ${wanted}'s namespaces (${allowed.join(', ') || 'none'}); add it there, or Warroom may not touch this service's deployments`,
      });
    }
  });
  return problems;
}

export function mitigationCrossCheck(document: unknown): Problem[] {
  const root = record(document);
  const names = items(root.clusters).flatMap((c, i) => {
    const name = str(record(c).name);
    return name ? [{ name, path: `clusters[${i}].name` }] : [];
  });
  return [...duplicates(names, 'cluster name'), ...checkServiceTargets(root)];
}

/** Why a kubeconfig cannot be used, or null when it is a readable file. */
function unreadable(path: string): string | null {
  try {
    if (!statSync(path).isFile()) return 'is not a file';
    accessSync(path, constants.R_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'not readable by this user' : `cannot be read (${code ?? 'unknown error'})`;
  }
}

/**
 * Each cluster's kubeconfig must be a readable file. Run for the bot and `config validate`, not for CI deploy checks,
 * which never talk to a cluster and should not need its credentials.
 */
export function checkKubeconfigs(document: unknown, baseDir: string): Problem[] {
  return items(record(document).clusters).flatMap((c, i) => {
    const path = str(record(c).kubeconfig);
    if (!path) return [];
    const absolute = resolve(baseDir, path);
    const why = unreadable(absolute);
    return why ? [{ path: `clusters[${i}].kubeconfig`, message: `${absolute}: ${why} (paths are relative to the config file)` }] : [];
  });
}
