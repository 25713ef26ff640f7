/** Built-in configuration, used where warroom.yml says nothing. The severity and role ladders are the core's. */
import { DEFAULT_ROLES } from '../core/incident/roles.js';
import { DEFAULT_SEVERITIES } from '../core/incident/severity.js';
import type { IncidentSettings } from '../core/incident/settings.js';

export { DEFAULT_ROLES, DEFAULT_SEVERITIES };

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
    onCallTriggers: { autoDeclareHighUrgency: false, severity: 'SEV2' },
  };
}
