/** The live state at confirmation, compared with the preview's fingerprint: a changed cluster means a new preview. */
import type { ClusterDeployment, ClusterNode } from '../ports.js';
import type { MitigationDeps } from './deps.js';
import { deploymentFingerprint } from './deployment-preview.js';
import type { Mitigation } from './model.js';
import { nodesFingerprint } from './node-preview.js';

export interface LiveState {
  fingerprint: string;
  nodes: ClusterNode[];
  deployment: ClusterDeployment | null;
}

export async function liveState(deps: MitigationDeps, m: Mitigation): Promise<LiveState> {
  const { cluster, nodes: target, deployment } = m.request;
  if (target) {
    const nodes = 'node' in target ? (await deps.cluster.listNodes(cluster)).filter((n) => n.name === target.node) : await deps.cluster.listNodes(cluster, target.selector);
    return { fingerprint: nodesFingerprint(nodes), nodes, deployment: null };
  }
  const found = deployment ? await deps.cluster.getDeployment(cluster, deployment.namespace ?? '', deployment.name) : null;
  return { fingerprint: found ? deploymentFingerprint(found) : 'gone', nodes: [], deployment: found };
}

type Row = [string, ...unknown[]];
const rows = (fingerprint: string): Row[] => {
  if (fingerprint === 'gone') return [];
  const parsed = JSON.parse(fingerprint) as { nodes?: Row[]; deployment?: Row };
  return parsed.nodes ?? (parsed.deployment ? [parsed.deployment] : []);
};

/** What changed, in words: "node-1 was cordoned", "node-9 now matches", "checkout changed (revision 7 → 8)". */
export function describeChange(before: string, after: string): string {
  if (after === 'gone') return 'the deployment is gone';
  const old = rows(before);
  const now = rows(after);
  if (old[0]?.length === 5 || now[0]?.length === 5) {
    const [o, n] = [old[0] ?? [], now[0] ?? []];
    const parts = [o[2] !== n[2] ? `revision ${String(o[2])} → ${String(n[2])}` : '', o[4] !== n[4] ? `replicas ${String(o[4])} → ${String(n[4])}` : ''].filter(Boolean);
    return `${String(n[1] ?? o[1])} changed${parts.length ? ` (${parts.join(', ')})` : ''}`;
  }
  const byName = new Map(old.map((r) => [r[0], r]));
  const changes: string[] = [];
  for (const row of now) {
    const prior = byName.get(row[0]);
    byName.delete(row[0]);
    if (!prior) changes.push(`${row[0]} now matches`);
    else if (prior[1] !== row[1]) changes.push(`${row[0]} was ${row[1] ? 'cordoned' : 'uncordoned'}`);
    else if (prior[2] !== row[2]) changes.push(`${row[0]} became ${row[2] ? 'Ready' : 'NotReady'}`);
  }
  for (const name of byName.keys()) changes.push(`${name} no longer matches`);
  return changes.join(', ') || 'the live state differs';
}
