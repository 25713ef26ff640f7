import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The bot's own Prometheus metrics, one registry per app instance (no global state, so tests can build several). */
export interface Metrics {
  registry: Registry;
  commands: Counter<'command' | 'outcome'>;
  slackCalls: Counter<'method' | 'outcome'>;
  slackLatency: Histogram<'method'>;
  slackOutageRetries: Counter<'method' | 'error'>;
  timelineEvents: Counter<'kind' | 'outcome'>;
  incidentsOpen: Gauge<'severity' | 'state'>;
  jobLag: Histogram<'kind'>;
  jobRuns: Counter<'kind' | 'outcome'>;
  deployDecisions: Counter<'service' | 'decision'>;
  prometheusQueries: Histogram<'kind' | 'outcome'>;
  pagerDutyCalls: Histogram<'operation' | 'outcome'>;
  gitHubCalls: Histogram<'operation' | 'outcome'>;
}

export interface MetricsOptions {
  defaultMetrics?: boolean;
  /** Read at scrape time, so the gauge is right on every replica without bookkeeping. */
  openIncidents?: () => Promise<{ severity: string; state: string }[]>;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'warroom_' });
  const registers = [registry];
  return {
    registry,
    commands: new Counter({ name: 'warroom_commands_total', help: 'Slash commands, shortcuts, buttons and modal submissions handled', labelNames: ['command', 'outcome'], registers }),
    slackCalls: new Counter({ name: 'warroom_slack_api_calls_total', help: 'Slack Web API calls by method and outcome (ok or the Slack error code)', labelNames: ['method', 'outcome'], registers }),
    slackLatency: new Histogram({ name: 'warroom_slack_api_duration_seconds', help: 'Slack Web API call latency, retries included', labelNames: ['method'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
    slackOutageRetries: new Counter({ name: 'warroom_slack_outage_retries_total', help: 'Slack writes retried in their channel lane during a Slack outage, by method and error', labelNames: ['method', 'error'], registers }),
    timelineEvents: new Counter({ name: 'warroom_timeline_events_total', help: 'Timeline events captured (stored) or ignored as duplicates', labelNames: ['kind', 'outcome'], registers }),
    incidentsOpen: new Gauge({
      name: 'warroom_incidents_open',
      help: 'Open incidents by severity and state',
      labelNames: ['severity', 'state'],
      registers,
      async collect() {
        if (!options.openIncidents) return;
        this.reset();
        for (const incident of await options.openIncidents()) this.inc({ severity: incident.severity, state: incident.state });
      },
    }),
    jobLag: new Histogram({ name: 'warroom_job_lag_seconds', help: 'Delay between a job being due and it starting', labelNames: ['kind'], buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300], registers }),
    deployDecisions: new Counter({ name: 'warroom_deploy_decisions_total', help: 'Deploy checks by service and decision', labelNames: ['service', 'decision'], registers }),
    prometheusQueries: new Histogram({ name: 'warroom_prometheus_query_duration_seconds', help: 'Prometheus queries by kind (instant, range) and outcome', labelNames: ['kind', 'outcome'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    pagerDutyCalls: new Histogram({ name: 'warroom_pagerduty_call_duration_seconds', help: 'PagerDuty REST calls by operation and outcome', labelNames: ['operation', 'outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
    gitHubCalls: new Histogram({ name: 'warroom_github_call_duration_seconds', help: 'GitHub REST calls by operation and outcome', labelNames: ['operation', 'outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers }),
    jobRuns: new Counter({ name: 'warroom_job_runs_total', help: 'Durable job runs by kind and outcome', labelNames: ['kind', 'outcome'], registers }),
  };
}
