/** warroom.yml's clusters, mitigation and services[].kubernetes → MitigationSettings and the kubeconfig list. */
import { resolve } from 'node:path';
import type { MitigationSettings } from '../core/mitigation/model.js';
import type { FileConfig } from './file-schema.js';
import { DEFAULT_BLAST_RADIUS_PERCENT, DEFAULT_PREVIEW_EXPIRY_MINUTES } from './mitigation-schema.js';

/** How to reach one cluster: what the Kubernetes adapter needs (the rest is in MitigationSettings). */
export interface KubernetesClusterConfig {
  name: string;
  /** Absolute. */
  kubeconfigPath: string;
  /** null: the kubeconfig's current context. */
  context: string | null;
}

export function defaultMitigationSettings(): MitigationSettings {
  return { clusters: [], blastRadiusPercent: DEFAULT_BLAST_RADIUS_PERCENT, previewExpiryMinutes: DEFAULT_PREVIEW_EXPIRY_MINUTES, services: [] };
}

export function mitigationSettingsFrom(config: FileConfig): MitigationSettings {
  return {
    clusters: config.clusters.map((c) => ({
      name: c.name,
      namespaces: [...c.namespaces],
      permissions: {
        cordon: [...c.permissions.cordon],
        drain: [...c.permissions.drain],
        rollback: [...c.permissions.rollback],
        restart: [...c.permissions.restart],
        scale: [...c.permissions.scale],
      },
    })),
    blastRadiusPercent: config.mitigation.blast_radius_percent,
    previewExpiryMinutes: config.mitigation.preview_expiry_minutes,
    services: config.services.flatMap((s) =>
      s.kubernetes ? [{ name: s.name, cluster: s.kubernetes.cluster, namespace: s.kubernetes.namespace, deployments: [...s.kubernetes.deployments] }] : [],
    ),
  };
}

/** Relative kubeconfig paths resolve against the config file's directory. */
export function kubernetesClustersFrom(config: FileConfig, baseDir: string): KubernetesClusterConfig[] {
  return config.clusters.map((c) => ({ name: c.name, kubeconfigPath: resolve(baseDir, c.kubeconfig), context: c.context }));
}
