import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/commands/parse.js';

const ok = (text: string) => {
  const parsed = parseIncidentCommand(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};
const error = (text: string) => {
  const parsed = parseIncidentCommand(text);
  if (parsed.ok) throw new Error(`expected an error for ${text}`);
  return parsed.error;
};

describe('parseIncidentCommand: Kubernetes mitigation, kubectl style', () => {
  it('cordons a node or a selector, with the cluster and --all-nodes', () => {
    expect(ok('cordon ip-10-0-3-17')).toEqual({ name: 'mitigation', request: { kind: 'cordon', cluster: null, nodes: { node: 'ip-10-0-3-17' }, options: {} } });
    expect(ok('cordon -l topology.kubernetes.io/zone=us-west-2a --cluster prod-us --all-nodes')).toEqual({
      name: 'mitigation',
      request: { kind: 'cordon', cluster: 'prod-us', nodes: { selector: 'topology.kubernetes.io/zone=us-west-2a' }, options: { allNodes: true } },
    });
    expect(ok('uncordon -l=pool=spot').name).toBe('mitigation');
  });

  it('drains with kubectl durations and switches', () => {
    expect(ok('drain node-1 --grace 30s --timeout 5m --delete-emptydir-data --force')).toEqual({
      name: 'mitigation',
      request: { kind: 'drain', cluster: null, nodes: { node: 'node-1' }, options: { graceSeconds: 30, timeoutSeconds: 300, deleteEmptyDirData: true, force: true } },
    });
    expect(error('drain node-1 --timeout soon')).toMatch(/--timeout takes a duration like 30s, 5m or 1h/);
  });

  it('rolls back, restarts and scales a deployment in a namespace', () => {
    expect(ok('rollback checkout-api -n shop --to-revision 7')).toEqual({
      name: 'mitigation',
      request: { kind: 'rollback', cluster: null, deployment: { name: 'checkout-api', namespace: 'shop' }, options: { toRevision: 7 } },
    });
    expect(ok('restart checkout-worker')).toMatchObject({ request: { kind: 'restart', deployment: { name: 'checkout-worker', namespace: null } } });
    expect(ok('scale checkout-api -n shop --replicas 12')).toMatchObject({ request: { kind: 'scale', options: { replicas: 12 } } });
    expect(error('scale checkout-api')).toMatch(/--replicas N/);
  });

  it('reads nodes, pods and history', () => {
    expect(ok('nodes -l pool=spot')).toEqual({ name: 'nodes', cluster: null, selector: 'pool=spot' });
    expect(ok('pods checkout-api -n shop --cluster prod')).toEqual({ name: 'pods', cluster: 'prod', deployment: 'checkout-api', namespace: 'shop' });
    expect(ok('history checkout-api')).toEqual({ name: 'history', cluster: null, deployment: 'checkout-api', namespace: null });
  });

  it('explains mistakes with the usage', () => {
    expect(error('cordon')).toMatch(/Which node\?[\s\S]*Usage: `\/incident cordon/);
    expect(error('cordon node-1 -l a=b')).toMatch(/not both/);
    expect(error('rollback checkout-api --replicas 3')).toMatch(/does not take --replicas/);
    expect(error('drain node-1 --forse')).toMatch(/did you mean --force/);
  });
});
