/** A view of the configuration that is safe to log: secrets replaced, database password masked. */
import type { AppConfig, DeployCheckConfig } from './load.js';

const secret = (value: string | null): string | null => (value ? '[redacted]' : null);

function maskDatabaseUrl(url: string | undefined): string | undefined {
  if (!url || url.startsWith('sqlite:')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable]';
  }
}

export function redactConfig(config: AppConfig | DeployCheckConfig): Record<string, unknown> {
  const { incident, slack, prometheus, pagerDuty, github } = config;
  return {
    slack: slack && { ...slack, botToken: secret(slack.botToken), appToken: secret(slack.appToken), signingSecret: secret(slack.signingSecret) },
    prometheus: prometheus && {
      ...prometheus,
      bearerToken: secret(prometheus.bearerToken),
      basicAuth: prometheus.basicAuth && { username: prometheus.basicAuth.username, password: '[redacted]' },
    },
    pagerDuty: pagerDuty && { ...pagerDuty, token: secret(pagerDuty.token), webhookSecret: secret(pagerDuty.webhookSecret) },
    github: github && {
      auth: 'token' in github.auth ? { token: secret(github.auth.token) } : { appId: github.auth.appId, privateKey: secret(github.auth.privateKey), installationId: github.auth.installationId },
      apiUrl: github.apiUrl,
      webhookSecret: secret(github.webhookSecret),
    },
    postmortem: config.postmortem,
    followup: config.followup,
    port: config.port,
    databaseUrl: maskDatabaseUrl(config.databaseUrl) ?? 'sqlite default (./data/warroom.db)',
    logLevel: config.logLevel,
    instanceId: config.instanceId,
    configPath: config.configPath,
    templatesDir: config.templatesDir,
    jobs: config.jobs,
    // Paths and group ids only: a kubeconfig's credentials are in the file, never in the config.
    kubernetes: config.kubernetes,
    mitigation: config.mitigation,
    incident: {
      severities: incident.severities.map((s) => s.name),
      defaultSeverity: incident.defaultSeverity,
      roles: incident.roles.map((r) => r.key),
      services: incident.services.map((s) => s.name),
      announceChannel: incident.announceChannel,
      timeZone: incident.timeZone,
    },
    release: {
      ...config.release,
      services: config.releaseServices.map((s) => ({ service: s.service, slos: s.slos.map((slo) => `${slo.name} ${slo.objective}% ${slo.windowLabel}`), timeZone: s.timeZone })),
    },
  };
}
