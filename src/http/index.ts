import type { Deps } from '../deps.js';
import { operationalRoutes, type Route } from './routes.js';
import { webhookRoute } from './webhook-route.js';

/** Every extra route served beside Slack's: health, readiness, metrics, and vendor webhooks. */
export function httpRoutes(deps: Pick<Deps, 'readiness' | 'metrics' | 'pagerDutyWebhooks' | 'gitHubWebhooks' | 'logger'>, isShuttingDown: () => boolean): Route[] {
  return [
    ...operationalRoutes({ readiness: deps.readiness, registry: deps.metrics.registry, isShuttingDown }),
    webhookRoute({
      path: '/webhooks/pagerduty',
      signatureHeader: 'x-pagerduty-signature',
      receiver: deps.pagerDutyWebhooks,
      notConfigured: 'PagerDuty webhooks are not configured: set PAGERDUTY_WEBHOOK_SECRET (and PAGERDUTY_TOKEN).',
      logger: deps.logger,
    }),
    webhookRoute({
      path: '/webhooks/github',
      signatureHeader: 'x-hub-signature-256',
      receiver: deps.gitHubWebhooks,
      notConfigured: 'GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET (and GITHUB_TOKEN or a GitHub App).',
      logger: deps.logger,
    }),
  ];
}
