/** The Kubernetes mitigation parts of warroom.yml: `clusters:`, `mitigation:` and each service's `kubernetes:`. */
import { z } from 'zod';
import { expected, list, orDefaults, slackId, strictMapping, text } from './fields.js';

export const DEFAULT_BLAST_RADIUS_PERCENT = 10;
export const DEFAULT_PREVIEW_EXPIRY_MINUTES = 10;
export const MAX_PREVIEW_EXPIRY_MINUTES = 120;

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** Kubernetes names: namespaces are DNS-1123 labels, deployments DNS-1123 subdomains. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

const clusterName = () =>
  text('a cluster name like prod-us').regex(CLUSTER_NAME, { error: 'expected a short name like prod-us (letters, digits, . _ -; people type it in --cluster)' });

const namespace = () =>
  text('a Kubernetes namespace like shop').regex(DNS_LABEL, { error: (iss) => `expected a Kubernetes namespace (lowercase letters, digits and -, at most 63), got ${JSON.stringify(iss.input)}` });

const deployment = () =>
  text('a Deployment name like checkout-api').regex(DNS_SUBDOMAIN, { error: (iss) => `expected a Deployment name (lowercase letters, digits, - and .), got ${JSON.stringify(iss.input)}` });

const groups = () => list(slackId('group')).default([]);

/** Who may confirm each action; uncordon is cordon's. A missing action means nobody may confirm it. */
const permissions = strictMapping({ cordon: groups(), drain: groups(), rollback: groups(), restart: groups(), scale: groups() });
const NO_PERMISSIONS = { cordon: [], drain: [], rollback: [], restart: [], scale: [] };

const cluster = strictMapping({
  name: clusterName(),
  /** Relative to the config file; existence is checked in mitigation-checks.ts (not for CI deploy checks). */
  kubeconfig: text('a kubeconfig file path').min(1, { error: 'expected a kubeconfig file path' }),
  context: text('a kubeconfig context name').min(1, { error: 'expected a context name, or leave the key out' }).nullable().default(null),
  namespaces: orDefaults(list(namespace()).default([])),
  permissions: orDefaults(permissions.default(NO_PERMISSIONS)),
});

export const clustersSchema = orDefaults(list(cluster).default([]));

const blastRadiusPercent = () => {
  const what = 'a percentage above 0, at most 100';
  return z
    .number({ error: expected(what) })
    .gt(0, { error: (iss) => `expected ${what}, got ${String(iss.input)} (0 would ask for a second person on every node action)` })
    .max(100, { error: (iss) => `expected ${what}, got ${String(iss.input)}` });
};

const expiryMinutes = () => {
  const what = `whole minutes from 1 to ${MAX_PREVIEW_EXPIRY_MINUTES}`;
  return z
    .int({ error: expected(what) })
    .min(1, { error: (iss) => `expected ${what}, got ${String(iss.input)}` })
    .max(MAX_PREVIEW_EXPIRY_MINUTES, { error: (iss) => `expected ${what}, got ${String(iss.input)} (a preview that old no longer describes the cluster)` });
};

const MITIGATION_DEFAULTS = { blast_radius_percent: DEFAULT_BLAST_RADIUS_PERCENT, preview_expiry_minutes: DEFAULT_PREVIEW_EXPIRY_MINUTES };

export const mitigationSchema = orDefaults(
  strictMapping({
    blast_radius_percent: blastRadiusPercent().default(DEFAULT_BLAST_RADIUS_PERCENT),
    preview_expiry_minutes: expiryMinutes().default(DEFAULT_PREVIEW_EXPIRY_MINUTES),
  }).default({ ...MITIGATION_DEFAULTS }),
);

/** Field a service entry gains for mitigation (merged into the service mapping in file-schema.ts). */
export const serviceKubernetesShape = {
  kubernetes: strictMapping({
    cluster: clusterName(),
    namespace: namespace(),
    deployments: orDefaults(list(deployment()).default([])),
  })
    .nullable()
    .default(null),
};

export type ClusterEntry = z.output<typeof cluster>;
