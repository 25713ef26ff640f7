/**
 * The composition root's adapter choices, one per integration: the real adapter when it is configured, otherwise the
 * "not configured" stand-in (its feature then says what to set). Only src/deps.ts uses these.
 */
import type { AppConfig, DeployCheckConfig } from './config/index.js';
import type { IncidentUseCases } from './core/incident/api.js';
import type { PostmortemUseCases } from './core/postmortem/api.js';
import type { ClusterPort, CodeHostPort, CodeHostWebhookEvent, Logger, MetricsPort, OnCallPort, OnCallWebhookEvent } from './core/ports.js';
import type { WebhookReceiver } from './http/webhook-route.js';
import { createGitHubCodeHost, parseGitHubWebhook, verifyGitHubSignature } from './integrations/github/index.js';
import { createKubernetesClusters } from './integrations/kubernetes/index.js';
import { notConfiguredCluster, notConfiguredCodeHost, notConfiguredMetrics, notConfiguredOnCall } from './integrations/not-configured.js';
import { createPagerDutyOnCall, parsePagerDutyWebhook, verifyPagerDutySignature } from './integrations/pagerduty/index.js';
import { createPrometheusMetrics } from './integrations/prometheus/index.js';
import type { Metrics } from './observability/metrics.js';

/** Prometheus when PROMETHEUS_URL is set, otherwise the "not configured" stand-in. */
export function metricsPortFor(config: DeployCheckConfig, logger: Logger, metrics: Metrics | null): MetricsPort {
  if (!config.prometheus) return notConfiguredMetrics();
  return createPrometheusMetrics({
    baseUrl: config.prometheus.url,
    bearerToken: config.prometheus.bearerToken ?? undefined,
    basicAuth: config.prometheus.basicAuth ?? undefined,
    timeoutMs: config.prometheus.timeoutMs,
    concurrency: config.release.queryConcurrency,
    logger,
    onQuery: metrics ? (kind, durationMs, outcome) => metrics.prometheusQueries.observe({ kind, outcome }, durationMs / 1000) : undefined,
  });
}

/** GitHub when a token or an App is configured, otherwise the "not configured" stand-in. */
export function codeHostFor(config: AppConfig, logger: Logger, metrics: Metrics): CodeHostPort {
  if (!config.github) return notConfiguredCodeHost();
  return createGitHubCodeHost({
    auth: config.github.auth,
    ...(config.github.apiUrl ? { apiUrl: config.github.apiUrl } : {}),
    logger,
    onCall: (operation, durationMs, outcome) => metrics.gitHubCalls.observe({ operation, outcome }, durationMs / 1000),
  });
}

/** Kubernetes when clusters are configured, otherwise the "not configured" stand-in. */
export function clusterPortFor(config: AppConfig, logger: Logger): ClusterPort {
  if (config.kubernetes.length === 0) return notConfiguredCluster();
  return createKubernetesClusters({ clusters: config.kubernetes.map((c) => ({ name: c.name, kubeconfigPath: c.kubeconfigPath, context: c.context ?? undefined })), logger });
}

/** PagerDuty when PAGERDUTY_TOKEN is set, otherwise the "not configured" stand-in. */
export function onCallPortFor(config: AppConfig, logger: Logger, metrics: Metrics): OnCallPort {
  if (!config.pagerDuty) return notConfiguredOnCall();
  return createPagerDutyOnCall({
    token: config.pagerDuty.token,
    from: config.pagerDuty.from,
    apiUrl: config.pagerDuty.apiUrl,
    defaultServiceId: config.pagerDuty.defaultServiceId,
    services: config.incident.services,
    // pdjs waits this long before each of its three 429 retries; PagerDuty's limits reset within seconds.
    retryTimeoutMs: 5_000,
    logger,
    onCall: (operation, durationMs, outcome) => metrics.pagerDutyCalls.observe({ operation, outcome }, durationMs / 1000),
  });
}

export function pagerDutyWebhooksFor(config: AppConfig, incidents: IncidentUseCases): WebhookReceiver<OnCallWebhookEvent> | null {
  const secret = config.pagerDuty?.webhookSecret;
  if (!secret) return null;
  return {
    verify: (raw, header) => verifyPagerDutySignature(raw, header, secret),
    parse: parsePagerDutyWebhook,
    handle: (event) => incidents.handleOnCallWebhook(event),
  };
}

export function gitHubWebhooksFor(config: AppConfig, postmortems: PostmortemUseCases): WebhookReceiver<CodeHostWebhookEvent> | null {
  const secret = config.github?.webhookSecret;
  if (!secret) return null;
  return {
    verify: (raw, header) => verifyGitHubSignature(raw, header, secret),
    parse: (body, headers) => parseGitHubWebhook(body, { event: headers['x-github-event'], delivery: headers['x-github-delivery'] }),
    handle: (event) => postmortems.handleCodeHostWebhook(event),
  };
}

