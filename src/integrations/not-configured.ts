import { DomainError } from '../core/errors.js';
import type { ClusterPort, CodeHostPort, IntegrationStatus, MetricsPort, OnCallPort } from '../core/ports.js';

/**
 * Stand-ins for integrations without configuration. Each feature that needs one answers with
 * what is missing and how to set it, and everything else keeps working.
 */
const HOW_TO_CONFIGURE = {
  PagerDuty: 'set PAGERDUTY_TOKEN and PAGERDUTY_FROM (a REST API key and the email of a PagerDuty user), and each service’s `pagerduty.service_id` in warroom.yml',
  GitHub: 'set GITHUB_TOKEN (or a GitHub App) and, for GitHub Enterprise, GITHUB_API_URL',
  Kubernetes: 'list your clusters under `clusters:` in warroom.yml with a kubeconfig file and context',
  Prometheus: 'set PROMETHEUS_URL to your Prometheus (or Thanos/Mimir query) base URL',
} as const;

type IntegrationName = keyof typeof HOW_TO_CONFIGURE;

export function notConfiguredStatus(name: IntegrationName): IntegrationStatus {
  return { configured: false, detail: `${name} is not configured: ${HOW_TO_CONFIGURE[name]}.` };
}

function refuse(name: IntegrationName): never {
  throw new DomainError('INTEGRATION_NOT_CONFIGURED', notConfiguredStatus(name).detail, { integration: name });
}

export function notConfiguredOnCall(): OnCallPort {
  return {
    status: () => notConfiguredStatus('PagerDuty'),
    pageForIncident: async () => refuse('PagerDuty'),
    whoIsOnCall: async () => refuse('PagerDuty'),
    escalationPolicyFor: () => null,
    setUrgency: async () => refuse('PagerDuty'),
    escalate: async () => refuse('PagerDuty'),
    addNote: async () => refuse('PagerDuty'),
    resolve: async () => refuse('PagerDuty'),
    pageTarget: async () => refuse('PagerDuty'),
  };
}

export function notConfiguredCodeHost(): CodeHostPort {
  return {
    status: () => notConfiguredStatus('GitHub'),
    createIssue: async () => refuse('GitHub'),
    updateIssue: async () => refuse('GitHub'),
    addComment: async () => refuse('GitHub'),
    getIssue: async () => refuse('GitHub'),
    searchIssues: async () => refuse('GitHub'),
    changesSince: async () => refuse('GitHub'),
  };
}

export function notConfiguredCluster(): ClusterPort {
  return {
    status: () => notConfiguredStatus('Kubernetes'),
    clusters: () => [],
    listNodes: async () => refuse('Kubernetes'),
    setUnschedulable: async () => refuse('Kubernetes'),
    listPods: async () => refuse('Kubernetes'),
    evictPod: async () => refuse('Kubernetes'),
    listPodDisruptionBudgets: async () => refuse('Kubernetes'),
    listDeployments: async () => refuse('Kubernetes'),
    getDeployment: async () => refuse('Kubernetes'),
    listReplicaSets: async () => refuse('Kubernetes'),
    setDeploymentTemplate: async () => refuse('Kubernetes'),
    restartDeployment: async () => refuse('Kubernetes'),
    scaleDeployment: async () => refuse('Kubernetes'),
  };
}

export function notConfiguredMetrics(): MetricsPort {
  return {
    status: () => notConfiguredStatus('Prometheus'),
    queryInstant: async () => refuse('Prometheus'),
    queryRange: async () => refuse('Prometheus'),
  };
}
