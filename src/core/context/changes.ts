/** The changes of a service since a time, one function per source: Warroom's deploy checks, rollouts, GitHub, config. */
import type { MitigationSettings } from '../mitigation/model.js';
import type { ClusterPort, CodeHostChange, CodeHostPort, MetricsPort, Store } from '../ports.js';
import type { DeployCheck } from '../release/model.js';
import type { Change, ChangeKind } from './model.js';
import { NotConfigured } from './source.js';

const DEPLOY_CHECK_LIMIT = 100;

function deployCheckTitle(check: DeployCheck): string {
  const override = check.override ? `, overridden by ${check.override.userId} (${check.override.reason})` : '';
  return `Deploy check #${check.id} of ${check.service}: ${check.outcome.decision}${override}${check.risk.change ? ` — ${check.risk.change}` : ''}`;
}

export async function deployCheckChanges(store: Store, service: string, since: Date): Promise<Change[]> {
  const checks = await store.deployChecks.listByService(service, DEPLOY_CHECK_LIMIT);
  return checks
    .filter((c) => c.requestedAt.getTime() >= since.getTime())
    .map((c) => ({ kind: 'deploy_check', at: c.requestedAt, title: deployCheckTitle(c), link: null, author: c.requestedBy, rollback: null }));
}

/** ReplicaSets of the service's deployments created since `since`; each one's rollback target is the revision before it. */
export async function rolloutChanges(cluster: ClusterPort, mitigation: MitigationSettings, service: string, since: Date): Promise<Change[]> {
  const status = cluster.status();
  if (!status.configured) throw new NotConfigured(status.detail);
  const placement = mitigation.services.find((s) => s.name === service);
  if (!placement || placement.deployments.length === 0) throw new NotConfigured(`no cluster, namespace and deployments are configured for ${service}`);
  const { cluster: name, namespace } = placement;
  const [sets, deployments] = await Promise.all([
    cluster.listReplicaSets(name, namespace),
    Promise.all(placement.deployments.map((d) => cluster.getDeployment(name, namespace, d))),
  ]);
  return deployments.flatMap((deployment) => {
    if (!deployment) return [];
    const owned = sets.filter((rs) => rs.ownerUid === deployment.uid && rs.revision !== null);
    return owned
      .filter((rs) => rs.createdAt !== null && rs.createdAt.getTime() >= since.getTime())
      .map((rs): Change => {
        const previous = owned.map((o) => o.revision ?? 0).filter((r) => r < (rs.revision ?? 0));
        return {
          kind: 'rollout',
          at: rs.createdAt as Date,
          title: `${deployment.name} revision ${rs.revision} (${rs.images.join(', ') || 'no image'})`,
          link: null,
          author: null,
          rollback: { cluster: name, namespace, deployment: deployment.name, toRevision: previous.length ? Math.max(...previous) : null },
        };
      });
  });
}

const CODE_HOST_KIND: Record<CodeHostChange['kind'], ChangeKind> = { deployment: 'github_deployment', release: 'release', pull_request: 'pull_request', commit: 'config' };

export async function codeHostChanges(codeHost: CodeHostPort, repository: string | null, githubPath: string | null, since: Date): Promise<Change[]> {
  const status = codeHost.status();
  if (!status.configured) throw new NotConfigured(status.detail);
  if (!repository) throw new NotConfigured('the service has no repository');
  const changes = await codeHost.changesSince(repository, since, { path: githubPath });
  return changes.map((c) => ({ kind: CODE_HOST_KIND[c.kind], at: c.at, title: c.title, link: c.url, author: c.author, rollback: null }));
}

/** Points where the config query's value changed (e.g. a config hash), from a range query at one-minute resolution or coarser. */
export async function configChanges(metrics: MetricsPort, service: string, query: string, since: Date, now: Date): Promise<Change[]> {
  const status = metrics.status();
  if (!status.configured) throw new NotConfigured(status.detail);
  // Prometheus refuses more than 11,000 points a series; stay well under.
  const stepSeconds = Math.max(60, Math.ceil((now.getTime() - since.getTime()) / 1000 / 5000));
  const series = await metrics.queryRange(query, { start: since, end: now, stepSeconds });
  return series.flatMap((s) => {
    const changes: Change[] = [];
    const points = s.points.filter((p) => Number.isFinite(p.value));
    for (let i = 1; i < points.length; i++) {
      const [before, after] = [points[i - 1]!, points[i]!];
      if (before.value !== after.value) {
        changes.push({ kind: 'config', at: after.at, title: `${service} config changed (${before.value} → ${after.value})`, link: null, author: null, rollback: null });
      }
    }
    return changes;
  });
}
