/** Reads warroom.yml: YAML syntax, then the schema, then cross-field rules; every problem is collected. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ContextSettings } from '../core/context/model.js';
import type { IncidentSettings, RoleDefinition, SeverityPolicy } from '../core/incident/settings.js';
import type { MitigationSettings } from '../core/mitigation/model.js';
import type { FollowupSettings, PostmortemSettings } from '../core/postmortem/model.js';
import type { ReleaseSettings } from '../core/release/model.js';
import { contextCrossCheck } from './context-schema.js';
import { contextSettingsFrom } from './context-settings.js';
import { crossCheck } from './cross-checks.js';
import { DEFAULT_POSTMORTEM_DUE_HOURS, DEFAULT_ROLES, DEFAULT_SEVERITIES } from './defaults.js';
import { type FileConfig, fileSchema } from './file-schema.js';
import { followupSettingsFrom, postmortemSettingsFrom } from './github-settings.js';
import { checkKubeconfigs, mitigationCrossCheck } from './mitigation-checks.js';
import { type KubernetesClusterConfig, kubernetesClustersFrom, mitigationSettingsFrom } from './mitigation-settings.js';
import { formatPath, type Problem } from './problems.js';
import { releaseCrossCheck } from './release-checks.js';
import { sloFilesSchema } from './release-schema.js';
import { checkImportedSlos, type ConfiguredServiceRelease, releaseServicesFrom, releaseSettingsFrom } from './release-settings.js';
import { readSloFiles } from './slo-files.js';
import type { ImportedSlo } from './slo-import-shared.js';

export interface FileSettings {
  incident: IncidentSettings;
  /** Absolute; null when templates are not overridden. */
  templatesDir: string | null;
  jobs: { pollIntervalMs: number; leaseMs: number };
  release: ReleaseSettings;
  /** Every configured service, with its SLOs from warroom.yml and the slo_files. */
  releaseServices: ConfiguredServiceRelease[];
  /** PagerDuty service paged when a war room has no service (and for manual pages); null when none. */
  pagerDutyDefaultServiceId: string | null;
  /** Clusters, the blast-radius threshold, preview expiry and where each service runs. */
  mitigation: MitigationSettings;
  /** Each cluster's kubeconfig (absolute path) and context. */
  kubernetes: KubernetesClusterConfig[];
  /** Where postmortems go, who is who on GitHub, default due dates. */
  postmortem: PostmortemSettings;
  /** The weekly review: cron, reliability channel, completion target. */
  followup: FollowupSettings;
  /** The context snapshot: look-back, suspect window, rise multiple, timeouts, and each service's queries. */
  context: ContextSettings;
  warnings: string[];
}

export interface ParseOptions {
  /**
   * Check that each cluster's kubeconfig is a readable file (default true: the bot and `config validate`).
   * CI deploy checks turn it off: they never talk to a cluster.
   */
  checkKubeconfigs?: boolean;
}

export type FileResult = { ok: true; settings: FileSettings } | { ok: false; problems: Problem[] };

function zodProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // fields.ts strictMapping writes one message line per unknown key, in order.
      const lines = issue.message.split('\n');
      return issue.keys.map((key, i) => ({ path: formatPath([...issue.path, key]), message: lines[i] ?? 'unknown option' }));
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

function severitiesFrom(config: FileConfig): SeverityPolicy[] {
  const list = config.incidents.severities;
  if (!list) return DEFAULT_SEVERITIES.map((s) => ({ ...s }));
  return list.map((s) => ({
    name: s.name,
    label: s.label,
    description: s.description,
    updateCadenceMinutes: s.update_cadence_minutes,
    freezesDeploys: s.freezes_deploys,
    postmortemRequired: s.postmortem.required,
    postmortemDueHours: s.postmortem.required ? (s.postmortem.due_hours ?? DEFAULT_POSTMORTEM_DUE_HOURS) : null,
    page: s.page,
    ackDeadlineMinutes: s.ack_deadline_minutes,
  }));
}

function rolesFrom(config: FileConfig): RoleDefinition[] {
  const list = config.incidents.roles;
  if (!list) return DEFAULT_ROLES.map((r) => ({ ...r, aliases: [...r.aliases] }));
  // A role's key always works in `/incident role <key> @user`, listed or not.
  return list.map((r) => ({ key: r.key, label: r.label, aliases: [...new Set([...r.aliases, r.key])] }));
}

/** Names as the user wrote them match case-insensitively; store the canonical spelling. */
const canonical = (wanted: string, names: string[]): string => names.find((n) => n.toLowerCase() === wanted.toLowerCase()) ?? wanted;

interface Extras {
  templatesDir: string | null;
  baseDir: string;
  imported: ImportedSlo[];
  fileName: string;
}

function toSettings(config: FileConfig, { templatesDir, baseDir, imported, fileName }: Extras): FileSettings {
  const severities = severitiesFrom(config);
  const roles = rolesFrom(config);
  const warnings: string[] = [];
  if (config.slack.announce_channel === null) warnings.push('slack.announce_channel is not set: incidents are not announced outside their war rooms');
  const incident: IncidentSettings = {
    severities,
    defaultSeverity: canonical(config.incidents.default_severity ?? 'SEV3', severities.map((s) => s.name)),
    roles,
    commanderRole: canonical(config.incidents.commander_role ?? 'commander', roles.map((r) => r.key)),
    services: config.services.map((s) => ({
      name: s.name,
      description: s.description,
      ownersGroup: s.owners_group,
      responders: s.responders,
      pagerDuty: s.pagerduty ? { serviceId: s.pagerduty.service_id, escalationPolicyId: s.pagerduty.escalation_policy_id } : null,
    })),
    channelNamePattern: config.slack.channel_name_pattern,
    announceChannel: config.slack.announce_channel,
    respondersGroup: config.slack.responders_group,
    defaultResponders: config.slack.default_responders,
    keyEventReactions: config.slack.key_event_reactions,
    timeZone: config.time_zone,
    reminderRepeatMinutes: config.incidents.reminder_repeat_minutes,
    snoozeMinutes: config.incidents.snooze_minutes,
    declareDedupeMinutes: config.incidents.declare_dedupe_minutes,
    onCallTriggers: {
      autoDeclareHighUrgency: config.pagerduty.auto_declare_high_urgency,
      severity: canonical(config.pagerduty.declared_severity, severities.map((s) => s.name)),
    },
  };
  return {
    incident,
    templatesDir,
    jobs: { pollIntervalMs: config.jobs.poll_interval_ms, leaseMs: config.jobs.lease_ms },
    release: releaseSettingsFrom(config.deploy, config.time_zone),
    releaseServices: releaseServicesFrom(config, imported, fileName),
    pagerDutyDefaultServiceId: config.pagerduty.default_service_id,
    mitigation: mitigationSettingsFrom(config),
    kubernetes: kubernetesClustersFrom(config, baseDir),
    postmortem: postmortemSettingsFrom(config),
    followup: followupSettingsFrom(config),
    context: contextSettingsFrom(config),
    warnings,
  };
}

/**
 * Validates YAML text; relative paths in it (templates_dir, slo_files, clusters[].kubeconfig) resolve against
 * `baseDir`. `fileName` names the file in SLO sources (`warroom.yml services[checkout].slos[0]`).
 */
export function parseConfigText(source: string, baseDir: string, fileName = 'warroom.yml', options: ParseOptions = {}): FileResult {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = e.linePos?.[0];
        return { path: at ? `line ${at.line}, column ${at.col}` : '', message: `YAML syntax: ${(e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '')}` };
      }),
    };
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const parsed = fileSchema.safeParse(raw);
  const problems = [...(parsed.success ? [] : zodProblems(parsed.error.issues)), ...crossCheck(raw), ...releaseCrossCheck(raw), ...mitigationCrossCheck(raw), ...contextCrossCheck(raw)];
  if (options.checkKubeconfigs ?? true) problems.push(...checkKubeconfigs(raw, baseDir));
  // SLO files are read whenever slo_files itself is well-formed, so their problems show up with all the others.
  const sloFiles = sloFilesSchema.safeParse(raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).slo_files : undefined);
  const fromFiles = sloFiles.success ? readSloFiles(sloFiles.data, baseDir, problems) : { slos: [], services: [] };
  problems.push(...checkImportedSlos(raw, fromFiles));
  const imported = fromFiles.slos;
  let templatesDir: string | null = null;
  const dirSetting = parsed.success ? parsed.data.templates_dir : null;
  if (dirSetting) {
    templatesDir = resolve(baseDir, dirSetting);
    if (!existsSync(templatesDir) || !statSync(templatesDir).isDirectory()) {
      problems.push({ path: 'templates_dir', message: `no such directory: ${templatesDir} (paths are relative to the config file)` });
    }
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, settings: toSettings(parsed.data, { templatesDir, baseDir, imported, fileName }) };
}

export function readConfigFile(path: string, options: ParseOptions = {}): FileResult {
  const absolute = resolve(path);
  let source: string;
  try {
    source = readFileSync(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? 'unknown error'})`;
    return { ok: false, problems: [{ path: '', message: `${absolute}: ${why}` }] };
  }
  return parseConfigText(source, dirname(absolute), basename(absolute), options);
}
