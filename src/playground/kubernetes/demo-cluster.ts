/**
 * The playground's cluster: nine nodes in three zones, the checkout deployment with a bad latest revision to roll
 * back, its pods spread over the zones, and a PodDisruptionBudget — enough for every mitigation's preview to say
 * something real (a zone is a third of capacity, so cordoning one needs a second confirmer).
 */
import type { FakeKube } from './index.js';

export const DEMO_ZONES = ['europe-west1-a', 'europe-west1-b', 'europe-west1-c'] as const;
export const BAD_IMAGE = 'registry.example/checkout-api:1.42.0';

export interface DemoClusterView {
  zones: { zone: string; nodes: { name: string; ready: boolean; cordoned: boolean; pods: number }[] }[];
  deployments: { namespace: string; name: string; replicas: number; ready: number; revision: string; image: string }[];
}

export function seedDemoCluster(kube: FakeKube, app: { namespace: string; deployment: string }, now = new Date()): void {
  DEMO_ZONES.forEach((zone, z) => {
    for (let n = 1; n <= 3; n += 1) kube.addNode({ name: `gke-prod-${zone.slice(-1)}-${n}`, zone, labels: { pool: z === 2 && n === 3 ? 'batch' : 'default' } });
  });
  kube.addDeployment({
    namespace: app.namespace,
    name: app.deployment,
    replicas: 6,
    image: BAD_IMAGE,
    revisions: [
      { revision: 11, image: 'registry.example/checkout-api:1.40.2' },
      { revision: 12, image: 'registry.example/checkout-api:1.41.0' },
    ],
  });
  // The rollout of 1.42.0 happened 70 minutes ago (the context snapshot lists it as a suspect), the others days ago.
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const sets = kube.replicaSets(app.namespace);
  const revision = (rs: (typeof sets)[number]) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const latest = Math.max(...sets.map(revision));
  for (const rs of sets) rs.metadata.creationTimestamp = minutesAgo(rs.spec.replicas > 0 ? 70 : (latest - revision(rs)) * 3 * 24 * 60);
  const current = sets.find((rs) => rs.spec.replicas > 0)?.metadata.name ?? app.deployment;
  const nodes = [...DEMO_ZONES].flatMap((zone) => [1, 2].map((n) => `gke-prod-${zone.slice(-1)}-${n}`));
  nodes.forEach((node, i) => kube.addPod({ namespace: app.namespace, name: `${current}-${'bcdfgh'[i]}${i}x7q`, node, owner: { kind: 'ReplicaSet', name: current }, labels: { app: app.deployment } }));
  kube.addPdb({ namespace: app.namespace, name: app.deployment, matchLabels: { app: app.deployment }, disruptionsAllowed: 1 });
}

/**
 * A CI pipeline deploying 1.42.0 again (a replayed scenario after a rollback): the same JSON patch of the image a
 * deploy tool sends, through the fake API server, so its controller makes the new revision.
 */
export async function redeployBadRelease(kube: FakeKube, app: { namespace: string; deployment: string }, now = new Date()): Promise<void> {
  if (kube.deployment(app.namespace, app.deployment)?.spec.template.spec.containers[0]?.image === BAD_IMAGE) return;
  const response = await fetch(`${kube.url}/apis/apps/v1/namespaces/${app.namespace}/deployments/${app.deployment}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json' },
    body: JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: BAD_IMAGE }]),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`the demo cluster refused the redeploy: HTTP ${response.status}`);
  // The fake stamps new objects with fixed dates; the rollout happened now, which the context snapshot should see.
  const newest = kube.replicaSets(app.namespace).find((rs) => rs.spec.replicas > 0);
  if (newest) newest.metadata.creationTimestamp = now.toISOString();
}

/** What the page's Kubernetes panel shows, read from the fake API server's state. */
export function demoClusterView(kube: FakeKube, app: { namespace: string; deployment: string }): DemoClusterView {
  const pods = kube.pods();
  const zones = DEMO_ZONES.map((zone) => ({
    zone,
    nodes: [1, 2, 3].flatMap((n) => {
      const node = kube.node(`gke-prod-${zone.slice(-1)}-${n}`);
      if (!node) return [];
      const ready = node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
      return [{ name: node.metadata.name, ready, cordoned: node.spec.unschedulable === true, pods: pods.filter((p) => p.spec.nodeName === node.metadata.name).length }];
    }),
  }));
  const d = kube.deployment(app.namespace, app.deployment);
  const deployments = d
    ? [{
        namespace: app.namespace,
        name: app.deployment,
        replicas: d.spec.replicas,
        ready: d.status.readyReplicas,
        revision: d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?',
        image: d.spec.template.spec.containers[0]?.image ?? '?',
      }]
    : [];
  return { zones, deployments };
}
