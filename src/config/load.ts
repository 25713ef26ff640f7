/** loadConfig(): the environment plus warroom.yml, validated together; one ConfigError lists every problem. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ContextSettings } from '../core/context/model.js';
import type { IncidentSettings } from '../core/incident/settings.js';
import type { MitigationSettings } from '../core/mitigation/model.js';
import type { FollowupSettings, PostmortemSettings } from '../core/postmortem/model.js';
import type { ReleaseSettings } from '../core/release/model.js';
import { defaultContextSettings } from './context-settings.js';
import { DEFAULT_JOBS, defaultIncidentSettings } from './defaults.js';
import { type ConfigPurpose, type Env, type LogLevel, readEnv, type SlackSettings } from './env.js';
import { type FileSettings, readConfigFile } from './file.js';
import { type GitHubSettings, readGitHubEnv } from './github-env.js';
import { defaultFollowupSettings, defaultPostmortemSettings, postmortemWarnings } from './github-settings.js';
import { defaultMitigationSettings, type KubernetesClusterConfig } from './mitigation-settings.js';
import { ConfigError, type Problem, problemText } from './problems.js';
import { type PagerDutyEnv, readPagerDutyEnv } from './pagerduty-env.js';
import { type PrometheusSettings, readPrometheusEnv } from './prometheus-env.js';

export interface PagerDutySettings extends PagerDutyEnv {
  /** Paged for war rooms without a service and for manual pages (`pagerduty.default_service_id`). */
  defaultServiceId: string | null;
}
import { type ConfiguredServiceRelease, defaultReleaseSettings } from './release-settings.js';

export const DEFAULT_CONFIG_FILE = './warroom.yml';

/** Everything but Slack, which only the bot requires. */
interface BaseConfig {
  port: number;
  /** Unset means the store's SQLite default (./data/warroom.db). */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  /** Owner name for job leases; unique per process. */
  instanceId: string;
  /** Absolute path of the YAML file used; null when running on built-in defaults. */
  configPath: string | null;
  incident: IncidentSettings;
  templatesDir: string | null;
  jobs: { pollIntervalMs: number; leaseMs: number };
  /** Team-wide deploy-check settings (`deploy:`). */
  release: ReleaseSettings;
  /** Every configured service with its SLOs (from warroom.yml and slo_files) and change defaults. */
  releaseServices: ConfiguredServiceRelease[];
  /** null when PROMETHEUS_URL is not set: deploy checks say Prometheus is not configured. */
  prometheus: PrometheusSettings | null;
  /** null when PAGERDUTY_TOKEN is not set: paging says PagerDuty is not configured. */
  pagerDuty: PagerDutySettings | null;
  /** Kubernetes mitigation: clusters and who may act on them, the two-person threshold, preview expiry. */
  mitigation: MitigationSettings;
  /** How to reach each configured cluster; [] means mitigation answers that Kubernetes is not configured. */
  kubernetes: KubernetesClusterConfig[];
  /** null when neither GITHUB_TOKEN nor a GitHub App is set: postmortems say GitHub is not configured. */
  github: GitHubSettings | null;
  /** github:, postmortem: and services[].github_repository. */
  postmortem: PostmortemSettings;
  /** review: (the weekly digest), in the top-level time_zone. */
  followup: FollowupSettings;
  /** The context snapshot (`context:` and services[].context); built-in defaults without a file. */
  context: ContextSettings;
  /** Things worth a log line at start-up that do not stop it. */
  warnings: string[];
}

/** The bot's configuration: Slack is required. */
export interface AppConfig extends BaseConfig {
  slack: SlackSettings;
}

/** `warroom deploy-check` in CI: Slack is optional (null when SLACK_BOT_TOKEN is not set). */
export interface DeployCheckConfig extends BaseConfig {
  slack: SlackSettings | null;
}

export interface LoadConfigOptions {
  env: Env;
  /** An explicit file (e.g. from the command line); wins over WARROOM_CONFIG and must exist. */
  configPath?: string;
  /** Where relative paths start; defaults to the process's working directory. */
  cwd?: string;
  /** Default 'bot'. 'deploy-check' does not require the Slack variables; file problems are reported all the same. */
  purpose?: ConfigPurpose;
}

function readFile(explicit: string | null, file: string, options: LoadConfigOptions, problems: Problem[], warnings: string[]): FileSettings | null {
  if (!explicit && !existsSync(file)) {
    warnings.push(`no config file at ${file}: using built-in defaults (copy config/warroom.example.yml there, or set WARROOM_CONFIG, to change them)`);
    return null;
  }
  if (explicit && !existsSync(file)) {
    if (options.configPath) problems.push({ path: 'config file', message: `file not found: ${file}` });
    else problems.push({ path: 'env WARROOM_CONFIG', message: `file not found: ${file} (unset WARROOM_CONFIG to use ./warroom.yml, or the built-in defaults when that does not exist)` });
    return null;
  }
  // CI deploy checks never talk to a cluster: they need not have its kubeconfig.
  const result = readConfigFile(file, { checkKubeconfigs: options.purpose !== 'deploy-check' });
  if (!result.ok) {
    problems.push(...result.problems);
    return null;
  }
  warnings.push(...result.settings.warnings);
  return result.settings;
}

export function loadConfig(options: LoadConfigOptions & { purpose?: 'bot' }): AppConfig;
export function loadConfig(options: LoadConfigOptions & { purpose: 'deploy-check' }): DeployCheckConfig;
export function loadConfig(options: LoadConfigOptions): AppConfig | DeployCheckConfig;
export function loadConfig(options: LoadConfigOptions): AppConfig | DeployCheckConfig {
  const cwd = options.cwd ?? process.cwd();
  const problems: Problem[] = [];
  const env = readEnv(options.env, problems, options.purpose ?? 'bot');
  const prometheus = readPrometheusEnv(options.env, problems);
  const pagerDutyEnv = readPagerDutyEnv(options.env, problems);
  const github = readGitHubEnv(options.env, problems, cwd);
  const warnings: string[] = [];

  const explicit = options.configPath ?? env.configFile;
  const file = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  const fromFile = readFile(explicit, file, options, problems, warnings);
  const configPath = !explicit && !existsSync(file) ? null : file;

  if (problems.length > 0) {
    throw new ConfigError(problems.map(problemText), configPath ? `environment and ${configPath}` : 'environment');
  }
  const incident = fromFile?.incident ?? defaultIncidentSettings();
  const postmortem = fromFile?.postmortem ?? defaultPostmortemSettings();
  if (github) warnings.push(...postmortemWarnings(postmortem, incident.services.map((s) => s.name)));
  return {
    slack: env.slack,
    port: env.port,
    databaseUrl: env.databaseUrl,
    logLevel: env.logLevel,
    instanceId: env.instanceId,
    configPath,
    incident,
    templatesDir: fromFile?.templatesDir ?? null,
    jobs: fromFile?.jobs ?? { ...DEFAULT_JOBS },
    release: fromFile?.release ?? defaultReleaseSettings(incident.timeZone),
    releaseServices: fromFile?.releaseServices ?? [],
    prometheus,
    pagerDuty: pagerDutyEnv ? { ...pagerDutyEnv, defaultServiceId: fromFile?.pagerDutyDefaultServiceId ?? null } : null,
    mitigation: fromFile?.mitigation ?? defaultMitigationSettings(),
    kubernetes: fromFile?.kubernetes ?? [],
    github,
    postmortem,
    followup: fromFile?.followup ?? defaultFollowupSettings(incident.timeZone),
    context: fromFile?.context ?? defaultContextSettings(incident.services.map((s) => s.name)),
    warnings,
  };
}

/** Problems in a YAML file on its own (for `warroom config validate [file]`); [] means it is fine. */
export function validateConfigFile(path: string): string[] {
  const result = readConfigFile(path);
  return result.ok ? [] : result.problems.map(problemText);
}
