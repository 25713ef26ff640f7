/**
 * Built-in configuration, used where warroom.yml says nothing.
 * DEFAULT_SEVERITIES mirrors src/core/incident/severity.ts (src/config may not import core internals); keep them equal.
 */
import type { IncidentSettings, RoleDefinition, SeverityPolicy } from '../core/incident/settings.js';

export const DEFAULT_SEVERITIES: readonly SeverityPolicy[] = [
  {
    name: 'SEV1',
    label: 'critical',
    description: 'Revenue systems down or more than 10% of capacity affected',
    updateCadenceMinutes: 15,
    freezesDeploys: true,
    postmortemRequired: true,
    postmortemDueHours: 48,
    page: 'escalation_policy',
    ackDeadlineMinutes: 5,
  },
  {
    name: 'SEV2',
    label: 'high',
    description: 'Partial outage or 1–10% of capacity affected',
    updateCadenceMinutes: 30,
    freezesDeploys: true,
    postmortemRequired: true,
    postmortemDueHours: 48,
    page: 'primary',
    ackDeadlineMinutes: 15,
  },
  {
    name: 'SEV3',
    label: 'moderate',
    description: 'Degraded service with a workaround',
    updateCadenceMinutes: 60,
    freezesDeploys: false,
    postmortemRequired: false,
    postmortemDueHours: null,
    page: 'low_urgency',
    ackDeadlineMinutes: null,
  },
  {
    name: 'SEV4',
    label: 'minor',
    description: 'Minor issue, no customer impact',
    updateCadenceMinutes: null,
    freezesDeploys: false,
    postmortemRequired: false,
    postmortemDueHours: null,
    page: 'none',
    ackDeadlineMinutes: null,
  },
];

export const DEFAULT_ROLES: readonly RoleDefinition[] = [
  { key: 'commander', label: 'Incident commander', aliases: ['ic', 'commander', 'incident-commander'] },
  { key: 'scribe', label: 'Scribe', aliases: ['scribe'] },
  { key: 'comms', label: 'Comms lead', aliases: ['comms', 'comms-lead', 'communications'] },
];

export const DEFAULT_POSTMORTEM_DUE_HOURS = 48;

export const DEFAULT_JOBS = { pollIntervalMs: 1000, leaseMs: 60_000 } as const;

/** Fresh copies, so that a caller mutating its settings never changes the defaults. */
export function defaultIncidentSettings(): IncidentSettings {
  return {
    severities: DEFAULT_SEVERITIES.map((s) => ({ ...s })),
    defaultSeverity: 'SEV3',
    roles: DEFAULT_ROLES.map((r) => ({ ...r, aliases: [...r.aliases] })),
    commanderRole: 'commander',
    services: [],
    channelNamePattern: 'inc-{date}-{slug}',
    announceChannel: null,
    respondersGroup: null,
    defaultResponders: [],
    keyEventReactions: ['pushpin'],
    timeZone: 'UTC',
    reminderRepeatMinutes: null,
    snoozeMinutes: 15,
    declareDedupeMinutes: 15,
  };
}
