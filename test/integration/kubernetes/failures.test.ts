import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKubernetesClusters } from '../../../src/integrations/kubernetes/index.js';
import { fakeKubeconfig, startFakeKube, type FakeKube } from '../../../src/playground/kubernetes/index.js';
import { failure, startHarness } from './harness.js';

describe('kubernetes adapter: transport failures and configuration', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it('a closed API server is unreachable with ECONNREFUSED, retryable', async () => {
    const h = await startHarness();
    h.kube.addNode({ name: 'node-a1', zone: 'a' });
    await h.kube.close();
    const err = await failure(h.port.listNodes('prod'));
    expect(err.reason).toBe('unreachable: cannot reach the API server of prod: ECONNREFUSED');
    expect(err.retryable).toBe(true);
  });

  it('a request the server never answers times out as unreachable', async () => {
    const h = await startHarness({ timeoutMs: 30 });
    cleanup.push(() => h.kube.close());
    h.kube.addNode({ name: 'node-a1', zone: 'a' });
    h.kube.hang();
    const err = await failure(h.port.setUnschedulable('prod', 'node-a1', true, { dryRun: false }));
    expect(err.reason).toBe('unreachable: the API server of prod did not answer within 30 ms');
    expect(err.retryable).toBe(true);
    expect(h.kube.requests.map((r) => r.method)).toEqual(['PATCH']);
  });

  it('an unconfigured cluster name is not_found, naming the configured ones', async () => {
    const h = await startHarness();
    cleanup.push(() => h.kube.close());
    expect(h.port.clusters()).toEqual(['prod']);
    expect(h.port.status().configured).toBe(true);
    expect((await failure(h.port.listNodes('staging'))).reason).toBe('not_found: no cluster named "staging" is configured (configured: prod)');
    expect(await failure(h.port.getDeployment('staging', 'shop', 'web'))).toMatchObject({ reason: expect.stringMatching(/^not_found: no cluster named/) });
  });

  it('loads kubeconfig files and picks the named context, one API server per cluster', async () => {
    const [east, west]: FakeKube[] = [await startFakeKube(), await startFakeKube()];
    cleanup.push(() => east!.close(), () => west!.close());
    east!.addNode({ name: 'east-1', zone: 'e' });
    west!.addNode({ name: 'west-1', zone: 'w' });
    const dir = await mkdtemp(join(tmpdir(), 'warroom-kube-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'config');
    // Two contexts in one file; the current one is east, the west cluster selects its context explicitly.
    const eastYaml = fakeKubeconfig(east!.url, { context: 'east' });
    const westYaml = fakeKubeconfig(west!.url, { context: 'west' });
    const merged = eastYaml.replace('clusters:\n', `clusters:\n${westYaml.split('clusters:\n')[1]!.split('users:\n')[0]}`)
      .replace('users:\n', `users:\n${westYaml.split('users:\n')[1]!.split('contexts:\n')[0]}`)
      .replace('contexts:\n', `contexts:\n${westYaml.split('contexts:\n')[1]}`);
    await writeFile(file, merged);
    const port = createKubernetesClusters({ clusters: [{ name: 'east', kubeconfigPath: file }, { name: 'west', kubeconfigPath: file, context: 'west' }] });
    expect((await port.listNodes('east')).map((n) => n.name)).toEqual(['east-1']);
    expect((await port.listNodes('west')).map((n) => n.name)).toEqual(['west-1']);
  });

  it('a kubeconfig that cannot be used fails at construction, naming the cluster', () => {
    expect(() => createKubernetesClusters({ clusters: [{ name: 'prod', kubeconfigPath: '/nonexistent/kubeconfig' }] })).toThrow(/cluster prod: cannot load kubeconfig \/nonexistent\/kubeconfig/);
    expect(() => createKubernetesClusters({ clusters: [{ name: 'prod', kubeconfigYaml: fakeKubeconfig('http://127.0.0.1:1'), context: 'other' }] })).toThrow(/cluster prod: .*context other/);
    expect(createKubernetesClusters({ clusters: [] }).status()).toMatchObject({ configured: false });
  });
});
