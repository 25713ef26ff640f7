import { createKubernetesClusters } from '../../../src/integrations/kubernetes/index.js';
import { fakeKubeconfig, startFakeKube, type FakeKube } from '../../../src/playground/kubernetes/index.js';
import type { ClusterPort } from '../../../src/core/ports/cluster.js';

export interface Harness {
  kube: FakeKube;
  port: ClusterPort;
}

/** A fake API server and the real adapter (client-node underneath) pointed at it as cluster `prod`. */
export async function startHarness(options: { timeoutMs?: number } = {}): Promise<Harness> {
  const kube = await startFakeKube({ token: 'sa-token' });
  const port = createKubernetesClusters({
    clusters: [{ name: 'prod', kubeconfigYaml: fakeKubeconfig(kube.url, { token: 'sa-token' }) }],
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  return { kube, port };
}

export { failure } from '../../support/failure.js';
