/**
 * Composition root: the only place that picks adapters. Each integration is either real (configured) or a
 * "not configured" stand-in, so the war room works whatever is set up.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger as PinoLogger } from 'pino';
import type { AppConfig, DeployCheckConfig } from './config/index.js';
import type { IncidentUseCases, TimelineCapture } from './core/incident/api.js';
import {
  ACK_DEADLINE_JOB_KIND,
  createAckDeadlineHandler,
  createIncidentUseCases,
  createReminderHandler,
  createTimelineCapture,
  REMINDER_JOB_KIND,
  type IncidentDeps,
} from './core/incident/create-incident-service.js';
import type { IncidentSettings } from './core/incident/settings.js';
import type { DeclareInput } from './core/incident/api.js';
import { createJobRunner, type JobRunner } from './core/jobs/job-runner.js';
import type { ContextUseCases } from './core/context/api.js';
import { createContextUseCases } from './core/context/index.js';
import type { FollowupUseCases } from './core/followup/api.js';
import { createFollowupUseCases, createWeeklyReviewHandler, scheduleNextWeeklyReview, WEEKLY_REVIEW_JOB_KIND } from './core/followup/index.js';
import type { MitigationUseCases } from './core/mitigation/api.js';
import type { PostmortemUseCases } from './core/postmortem/api.js';
import { createPostmortemReminderHandler, createPostmortemUseCases, POSTMORTEM_REMINDER_JOB_KIND, todayIn } from './core/postmortem/index.js';
import { createMitigationUseCases } from './core/mitigation/index.js';
import { createDeployChecks, type DeployCheckUseCases } from './core/release/deploy-check.js';
import type {
  ChatPort,
  Clock,
  ClusterPort,
  CodeHostPort,
  CodeHostWebhookEvent,
  FollowupViews,
  Logger,
  MetricsPort,
  MitigationViews,
  OnCallPort,
  OnCallWebhookEvent,
  Store,
} from './core/ports.js';
import { createBackgroundTasks, type BackgroundTasks } from './commands/background.js';
import { createWorkQueue, type WorkQueue } from './commands/work-queue.js';
import { createReadiness, type Readiness } from './http/readiness.js';
import type { WebhookReceiver } from './http/webhook-route.js';
import { createCronSchedule } from './jobs/cron-schedule.js';
import { clusterPortFor, codeHostFor, gitHubWebhooksFor, metricsPortFor, onCallPortFor, pagerDutyWebhooksFor } from './deps-adapters.js';
import { createSlackChat, createSlackWebClient } from './integrations/slack/index.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createStore } from './store/index.js';
import {
  buildDeclareModal,
  createIncidentResponses,
  createIncidentViews,
  createTemplateRenderer,
  DECLARE_MODAL_CALLBACK_ID,
  DECLARE_MODAL_IDS,
  readDeclareModal,
  type IncidentResponses,
  type ModalStateValues,
} from './templates/index.js';
import { overrideAnnouncement, type DeployCheckSlackOptions } from './templates/deploy-check/index.js';
import { createContextViews } from './templates/context/index.js';
import { createFollowupViews } from './templates/followup/index.js';
import { createMitigationViews } from './templates/mitigation/index.js';
import { createPostmortemViews, type PostmortemTemplates } from './templates/postmortem/index.js';

export interface DeclareModals {
  declareCallbackId: string;
  titleBlockId: string;
  declare(initial?: Partial<DeclareInput>): unknown;
  readDeclare(values: unknown): DeclareInput;
}

export interface Integrations {
  oncall: OnCallPort;
  codeHost: CodeHostPort;
  cluster: ClusterPort;
  metrics: MetricsPort;
}

export interface Deps {
  config: AppConfig;
  settings: IncidentSettings;
  logger: PinoLogger;
  metrics: Metrics;
  clock: Clock;
  store: Store;
  slack: WebClient;
  chat: ChatPort;
  botUserId: string;
  botId: string | undefined;
  incidents: IncidentUseCases;
  capture: TimelineCapture;
  responses: IncidentResponses;
  modals: DeclareModals;
  integrations: Integrations;
  jobRunner: JobRunner;
  readiness: Readiness;
  /** Post-ack work of commands, bounded so bursts keep their acks fast. */
  work: WorkQueue;
  deployChecks: DeployCheckUseCases;
  deployCheckView: DeployCheckSlackOptions;
  /** PagerDuty webhooks (v3); null when PAGERDUTY_WEBHOOK_SECRET is not set. */
  pagerDutyWebhooks: WebhookReceiver<OnCallWebhookEvent> | null;
  mitigations: MitigationUseCases;
  mitigationViews: MitigationViews;
  postmortems: PostmortemUseCases;
  postmortemViews: PostmortemTemplates;
  followup: FollowupUseCases;
  followupViews: FollowupViews;
  /** GitHub webhooks; null when GITHUB_WEBHOOK_SECRET is not set. */
  gitHubWebhooks: WebhookReceiver<CodeHostWebhookEvent> | null;
  /** Today (YYYY-MM-DD) in the team's time zone. */
  today(): string;
  /** Schedules the next weekly review (idempotent per occurrence; called at start-up). */
  scheduleWeeklyReview(): Promise<boolean>;
  context: ContextUseCases;
  background: BackgroundTasks;
}

export interface DepsOverrides {
  clock?: Clock;
  logger?: PinoLogger;
  metrics?: Metrics;
  /** Slack client retry policy (tests shorten the delays). */
  slackRetry?: { maxRetries?: number; retryMinDelayMs?: number; retryMaxDelayMs?: number; timeoutMs?: number };
  pacing?: { burst?: number; perSecond?: number };
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** The deploy-check use cases; `chat` is null in the CLI, where there is no Slack. */
function deployChecksFor(config: DeployCheckConfig, ports: { store: Store; metrics: MetricsPort; chat: ChatPort | null; clock: Clock; logger: Logger }): DeployCheckUseCases {
  return createDeployChecks({
    ...ports,
    views: ports.chat ? { overrideAnnouncement } : null,
    settings: config.release,
    services: config.releaseServices,
    severities: config.incident.severities,
    fallbackOverrideGroup: config.incident.respondersGroup,
  });
}

/** What `warroom deploy-check` needs in a pipeline: the store (freezes, history) and Prometheus, no Slack. */
export async function buildDeployCheckDeps(config: DeployCheckConfig, overrides: { clock?: Clock; logger?: Logger } = {}): Promise<{ deployChecks: DeployCheckUseCases; store: Store }> {
  const clock = overrides.clock ?? SYSTEM_CLOCK;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, destination: process.stderr });
  const store = await createStore({ databaseUrl: config.databaseUrl, logger, clock });
  const metrics = metricsPortFor(config, logger, null);
  return { store, deployChecks: deployChecksFor(config, { store, metrics, chat: null, clock, logger }) };
}

/** Fails start-up with a message that says what to do when Slack does not accept the token. */
async function identifyBot(slack: WebClient): Promise<{ userId: string; botId: string | undefined }> {
  try {
    const auth = await slack.auth.test();
    if (!auth.user_id) throw new Error('auth.test returned no user_id');
    return { userId: auth.user_id, botId: auth.bot_id };
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    const hint =
      code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked'
        ? 'Slack rejected SLACK_BOT_TOKEN: copy the Bot User OAuth Token (xoxb-…) again from the app’s OAuth & Permissions page, and reinstall the app if it was revoked.'
        : 'Could not reach Slack to check SLACK_BOT_TOKEN (auth.test); check network access to Slack or SLACK_API_URL.';
    throw new Error(`${hint} (${code ?? (err instanceof Error ? err.message : String(err))})`, { cause: err });
  }
}

export async function buildDeps(config: AppConfig, overrides: DepsOverrides = {}): Promise<Deps> {
  const clock = overrides.clock ?? SYSTEM_CLOCK;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const settings = config.incident;
  let openIncidents: Store['incidents'] | null = null;
  const metrics = overrides.metrics ?? createMetrics({ openIncidents: async () => (openIncidents ? openIncidents.listOpen() : []) });

  const slack = createSlackWebClient({ token: config.slack.botToken, apiUrl: config.slack.apiUrl ?? undefined, logger, ...overrides.slackRetry });
  const bot = await identifyBot(slack);
  const store = await createStore({ databaseUrl: config.databaseUrl, logger, clock });
  openIncidents = store.incidents;

  const chat = createSlackChat(slack, {
    botUserId: bot.userId,
    clock,
    logger,
    pacing: overrides.pacing,
    onCall: (method, durationMs, error) => {
      metrics.slackCalls.inc({ method, outcome: error ?? 'ok' });
      metrics.slackLatency.observe({ method }, durationMs / 1000);
    },
    onOutageRetry: (method, error) => metrics.slackOutageRetries.inc({ method, error }),
  });
  const renderer = createTemplateRenderer({ overridesDir: config.templatesDir, timeZone: settings.timeZone });
  const views = createIncidentViews({ renderer, timeZone: settings.timeZone, roles: settings.roles, severities: settings.severities, commanderRole: settings.commanderRole });
  const responses = createIncidentResponses({ renderer, settings });
  const integrations: Integrations = {
    oncall: onCallPortFor(config, logger, metrics),
    codeHost: codeHostFor(config, logger, metrics),
    cluster: clusterPortFor(config, logger),
    metrics: metricsPortFor(config, logger, metrics),
  };

  const incidentDeps: IncidentDeps = { store, chat, views, oncall: integrations.oncall, clock, logger, settings, botUserId: bot.userId };
  const incidents = createIncidentUseCases(incidentDeps);
  const mitigationViews = createMitigationViews({ timeZone: settings.timeZone });
  const postmortemViews = createPostmortemViews({ renderer, timeZone: settings.timeZone, severities: settings.severities });
  const followupViews = createFollowupViews({ renderer, timeZone: settings.timeZone });
  const postmortemDeps = { store, codeHost: integrations.codeHost, chat, views: postmortemViews, clock, logger, settings: config.postmortem, incidentSettings: settings };
  const postmortems = createPostmortemUseCases(postmortemDeps);
  const followup = createFollowupUseCases({ store, codeHost: integrations.codeHost, chat, views: followupViews, clock, logger, settings: config.followup, incidentSettings: settings });
  const weeklyReview = { store, clock, logger, settings: config.followup, cron: createCronSchedule(), followup };
  const jobRunner = createJobRunner({
    jobs: store.jobs,
    clock,
    logger,
    owner: config.instanceId,
    leaseMs: config.jobs.leaseMs,
    handlers: {
      [REMINDER_JOB_KIND]: createReminderHandler(incidentDeps),
      [ACK_DEADLINE_JOB_KIND]: createAckDeadlineHandler(incidentDeps),
      [POSTMORTEM_REMINDER_JOB_KIND]: createPostmortemReminderHandler(postmortemDeps),
      [WEEKLY_REVIEW_JOB_KIND]: createWeeklyReviewHandler(weeklyReview),
    },
    onRun: (job, outcome, lagMs) => {
      metrics.jobRuns.inc({ kind: job.kind, outcome });
      metrics.jobLag.observe({ kind: job.kind }, Math.max(0, lagMs) / 1000);
    },
  });
  const readiness = createReadiness({ pingDatabase: () => store.ping(), checkSlackAuth: async () => void (await slack.auth.test()), clock });

  return {
    config,
    settings,
    logger,
    metrics,
    clock,
    store,
    slack,
    chat,
    botUserId: bot.userId,
    botId: bot.botId,
    incidents,
    capture: createTimelineCapture(incidentDeps),
    responses,
    modals: {
      declareCallbackId: DECLARE_MODAL_CALLBACK_ID,
      titleBlockId: DECLARE_MODAL_IDS.title.block,
      declare: (initial) => buildDeclareModal(settings, initial),
      readDeclare: (values) => readDeclareModal(values as ModalStateValues),
    },
    integrations,
    jobRunner,
    readiness,
    work: createWorkQueue(4),
    deployChecks: deployChecksFor(config, { store, metrics: integrations.metrics, chat, clock, logger }),
    deployCheckView: { timeZone: config.release.timeOfWeek.timeZone, unknownCountsAs: config.release.unknownCountsAs },
    pagerDutyWebhooks: pagerDutyWebhooksFor(config, incidents),
    mitigations: createMitigationUseCases({
      store,
      cluster: integrations.cluster,
      chat,
      views: mitigationViews,
      clock,
      logger,
      settings: config.mitigation,
      incidentServices: settings.services,
    }),
    mitigationViews,
    postmortems,
    postmortemViews,
    followup,
    followupViews,
    gitHubWebhooks: gitHubWebhooksFor(config, postmortems),
    today: () => todayIn(clock.now(), settings.timeZone),
    scheduleWeeklyReview: () => scheduleNextWeeklyReview(weeklyReview, clock.now()),
    context: createContextUseCases({
      store,
      metrics: integrations.metrics,
      cluster: integrations.cluster,
      codeHost: integrations.codeHost,
      oncall: integrations.oncall,
      chat,
      views: createContextViews({ timeZone: settings.timeZone }),
      clock,
      logger,
      settings: config.context,
      releaseServices: config.releaseServices,
      mitigation: config.mitigation,
      incidentSettings: settings,
      repositories: config.postmortem.serviceRepositories,
      minEvents: config.release.minEvents,
      staleAfterMinutes: config.release.staleAfterMinutes,
    }),
    background: createBackgroundTasks((label, err) => logger.error({ err, task: label }, 'background task failed')),
  };
}
