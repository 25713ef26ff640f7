import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parseAllDocuments } from 'yaml';

const path = join(dirname(fileURLToPath(import.meta.url)), '../../../deploy/kubernetes/rbac.yaml');
const documents = parseAllDocuments(readFileSync(path, 'utf8'));

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: Rule[];
  roleRef?: { apiGroup: string; kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

/** What the mitigation actions call, as group/resource:verb (the core group is ""). */
const EXPECTED = [
  '/nodes:get', '/nodes:list', '/nodes:patch',
  '/pods:get', '/pods:list',
  '/pods/eviction:create',
  'policy/poddisruptionbudgets:get', 'policy/poddisruptionbudgets:list',
  'apps/deployments:get', 'apps/deployments:list', 'apps/deployments:patch',
  'apps/deployments/scale:get', 'apps/deployments/scale:patch',
  'apps/replicasets:get', 'apps/replicasets:list',
];

const manifests = (): Manifest[] => {
  for (const doc of documents) if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return documents.map((doc) => doc.toJS() as Manifest);
};
const only = (kind: string): Manifest => {
  const found = manifests().filter((m) => m.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Manifest;
};

describe('deploy/kubernetes/rbac.yaml', () => {
  it('grants exactly the verbs the mitigation actions need: no wildcard, no secrets, nothing more', () => {
    const rules = only('ClusterRole').rules ?? [];
    const granted = rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res}:${v}`))));
    expect([...granted].sort()).toEqual([...EXPECTED].sort());
    expect(new Set(granted).size).toBe(granted.length);
    for (const rule of rules) {
      expect(Object.keys(rule).sort()).toEqual(['apiGroups', 'resources', 'verbs']); // no resourceNames/nonResourceURLs
      expect([...rule.apiGroups, ...rule.resources, ...rule.verbs].some((s) => s.includes('*'))).toBe(false);
      expect(rule.resources.some((r) => r === 'secrets' || r === 'configmaps' || r === 'pods/exec')).toBe(false);
    }
  });

  it('says, above each rule, which action needs it', () => {
    const role = documents.find((doc) => doc.get('kind') === 'ClusterRole');
    const rules = role?.get('rules');
    if (!isSeq(rules)) throw new Error('ClusterRole.rules is not a list');
    rules.items.forEach((item, i) => {
      // The parser attaches the first item's comment to the list itself.
      const comment = (isMap(item) ? item.commentBefore : null) ?? (i === 0 ? rules.commentBefore : null) ?? '';
      expect(comment, `rule ${i}`).toMatch(/^\s*[a-z/]+: \S.{10,}/s);
    });
  });

  it('binds the role to the warroom ServiceAccount in namespace warroom', () => {
    const account = only('ServiceAccount');
    const role = only('ClusterRole');
    expect(account.metadata).toEqual({ name: 'warroom', namespace: 'warroom' });
    expect(only('ClusterRoleBinding')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name },
      subjects: [{ kind: 'ServiceAccount', name: 'warroom', namespace: 'warroom' }],
    });
    // Nothing else hides in the file (a Role, a second binding) that could widen what Warroom may do.
    expect(manifests().map((m) => m.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Namespace', 'ServiceAccount']);
  });
});
