import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startHarness, type Harness } from './harness.js';

describe('kubernetes adapter: deployments, rollback, restart, scale', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.kube.addDeployment({ namespace: 'shop', name: 'web', replicas: 3, image: 'web:3', revisions: [{ revision: 1, image: 'web:1' }, { revision: 2, image: 'web:2' }, { revision: 3, image: 'web:3' }] });
    h.kube.addDeployment({ namespace: 'shop', name: 'api', replicas: 1, image: 'api:1', paused: true });
  });
  afterEach(() => h.kube.close());

  it('maps a deployment, and answers null for one that does not exist', async () => {
    const web = await h.port.getDeployment('prod', 'shop', 'web');
    expect(web).toMatchObject({ namespace: 'shop', name: 'web', uid: h.kube.deployment('shop', 'web')?.metadata.uid, replicas: 3, readyReplicas: 3, paused: false, revision: 3, images: ['web:3'] });
    expect(web?.template).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:3' }] } });
    expect((await h.port.getDeployment('prod', 'shop', 'api'))?.paused).toBe(true);
    expect(await h.port.getDeployment('prod', 'shop', 'nope')).toBeNull();
    expect((await h.port.listDeployments('prod', 'shop')).map((d) => d.name).sort()).toEqual(['api', 'web']);
  });

  it('lists ReplicaSets with owner uid, revision, images and the template without pod-template-hash', async () => {
    const uid = h.kube.deployment('shop', 'web')?.metadata.uid;
    const sets = (await h.port.listReplicaSets('prod', 'shop')).filter((rs) => rs.ownerUid === uid).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    expect(sets.map((rs) => [rs.revision, rs.images])).toEqual([[1, ['web:1']], [2, ['web:2']], [3, ['web:3']]]);
    expect(sets[0]?.template).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } });
    expect(sets[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('rollback replaces the template: the deployment runs the old image under a new revision, reusing its ReplicaSet', async () => {
    const web = await h.port.getDeployment('prod', 'shop', 'web');
    const rev2 = (await h.port.listReplicaSets('prod', 'shop')).find((rs) => rs.revision === 2);
    const after = await h.port.setDeploymentTemplate('prod', 'shop', 'web', rev2?.template, { dryRun: false, resourceVersion: web?.resourceVersion ?? '' });
    expect(h.kube.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/apis/apps/v1/namespaces/shop/deployments/web', contentType: 'application/json-patch+json' });
    expect(after).toMatchObject({ images: ['web:2'], revision: 4 });
    expect(h.kube.deployment('shop', 'web')?.spec.template.spec.containers[0]?.image).toBe('web:2');
    const sets = h.kube.replicaSets('shop').filter((rs) => rs.metadata.name.startsWith('web-'));
    expect(sets).toHaveLength(3);
    expect(sets.find((rs) => rs.metadata.name === rev2?.name)?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
  });

  it('rollback with a stale resourceVersion is a conflict and changes nothing', async () => {
    const web = await h.port.getDeployment('prod', 'shop', 'web');
    await h.port.scaleDeployment('prod', 'shop', 'web', 4, { dryRun: false }); // someone else moves the deployment on
    const rev1 = (await h.port.listReplicaSets('prod', 'shop')).find((rs) => rs.revision === 1);
    const err = await failure(h.port.setDeploymentTemplate('prod', 'shop', 'web', rev1?.template, { dryRun: false, resourceVersion: web?.resourceVersion ?? '' }));
    expect(err.reason).toMatch(/^conflict: Operation cannot be fulfilled on deployments.apps "web": the object has been modified/);
    expect(h.kube.deployment('shop', 'web')?.spec.template.spec.containers[0]?.image).toBe('web:3');
  });

  it('dry-run rollback previews the template and leaves the deployment alone', async () => {
    const web = await h.port.getDeployment('prod', 'shop', 'web');
    const rev1 = (await h.port.listReplicaSets('prod', 'shop')).find((rs) => rs.revision === 1);
    const preview = await h.port.setDeploymentTemplate('prod', 'shop', 'web', rev1?.template, { dryRun: true, resourceVersion: web?.resourceVersion ?? '' });
    expect(preview.images).toEqual(['web:1']);
    expect(h.kube.deployment('shop', 'web')?.spec.template.spec.containers[0]?.image).toBe('web:3');
    expect(h.kube.deployment('shop', 'web')?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('restart sets kubectl.kubernetes.io/restartedAt on the template, which rolls a new revision', async () => {
    const at = new Date('2026-03-01T12:34:56.789Z');
    const after = await h.port.restartDeployment('prod', 'shop', 'web', at, { dryRun: false });
    expect(h.kube.requests.at(-1)).toMatchObject({ contentType: 'application/strategic-merge-patch+json' });
    expect(h.kube.deployment('shop', 'web')?.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-03-01T12:34:56Z' });
    expect(after.revision).toBe(4);
    expect(after.images).toEqual(['web:3']);
  });

  it('scale goes through the scale subresource and reports from → to; dry run changes nothing', async () => {
    expect(await h.port.scaleDeployment('prod', 'shop', 'web', 5, { dryRun: true })).toEqual({ from: 3, to: 5 });
    expect(h.kube.deployment('shop', 'web')?.spec.replicas).toBe(3);
    expect(await h.port.scaleDeployment('prod', 'shop', 'web', 5, { dryRun: false })).toEqual({ from: 3, to: 5 });
    expect(h.kube.requests.at(-1)).toMatchObject({ method: 'PATCH', path: '/apis/apps/v1/namespaces/shop/deployments/web/scale', contentType: 'application/merge-patch+json', body: { spec: { replicas: 5 } } });
    expect(h.kube.deployment('shop', 'web')?.spec.replicas).toBe(5);
  });

  it('forbidden and not-found writes say what is missing', async () => {
    h.kube.forbid('patch', 'deployments/scale');
    expect((await failure(h.port.scaleDeployment('prod', 'shop', 'web', 5, { dryRun: false }))).reason).toBe(
      'forbidden: cannot patch deployments/scale in prod (add it to the ClusterRole: deploy/kubernetes/rbac.yaml)',
    );
    expect(h.kube.deployment('shop', 'web')?.spec.replicas).toBe(3);
    const err = await failure(h.port.restartDeployment('prod', 'shop', 'nope', new Date(), { dryRun: false }));
    expect(err.reason).toBe('not_found: deployments.apps "nope" not found in prod');
  });
});
