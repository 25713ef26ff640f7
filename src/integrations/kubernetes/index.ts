export { createKubernetesClusters, DEFAULT_KUBERNETES_TIMEOUT_MS, type KubernetesClustersOptions } from './kubernetes-clusters.js';
export type { ClusterDefinition } from './clients.js';
export { RBAC_FILE } from './kube-errors.js';
