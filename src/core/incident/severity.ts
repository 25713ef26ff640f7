/** Severity lookup, rank comparison and the default SEV1–SEV4 policies (the config's defaults). */
import { DomainError } from '../errors.js';
import type { SeverityPolicy } from './settings.js';

export { DEFAULT_ROLES } from './roles.js';

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
    // Low-urgency pages carry no acknowledgement deadline.
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

/** "sev2", "SEV 2", "Sev-2", "s2" and "2" all become "sev2"; anything else is only lower-cased. */
function normalize(input: string): string {
  const compact = input.trim().toLowerCase().replace(/[\s_-]+/g, '');
  const digits = /^(?:sev|s)?(\d+)$/.exec(compact);
  return digits ? `sev${Number(digits[1])}` : compact;
}

export function describeSeverities(severities: readonly SeverityPolicy[]): string {
  return severities.map((s) => `${s.name} (${s.label})`).join(', ');
}

/** The configured severity `input` names, by name or label, case-insensitively; UNKNOWN_SEVERITY otherwise. */
export function findSeverity(severities: readonly SeverityPolicy[], input: string): SeverityPolicy {
  const wanted = normalize(input);
  const found =
    severities.find((s) => normalize(s.name) === wanted) ?? severities.find((s) => s.label.trim().toLowerCase() === input.trim().toLowerCase());
  if (found) return found;
  const shown = input.trim() === '' ? 'an empty severity' : `"${input.trim()}"`;
  throw new DomainError('UNKNOWN_SEVERITY', `Unknown severity ${shown}. Use one of: ${describeSeverities(severities)}.`, {
    input,
    valid: severities.map((s) => s.name),
  });
}

/** Position in the configured list: 0 is the most severe. A severity no longer configured ranks last. */
export function severityRank(severities: readonly SeverityPolicy[], name: string): number {
  const index = severities.findIndex((s) => normalize(s.name) === normalize(name));
  return index === -1 ? severities.length : index;
}

/** Negative when `a` is more severe than `b`, positive when less, 0 when equal. */
export function compareSeverity(severities: readonly SeverityPolicy[], a: string, b: string): number {
  return severityRank(severities, a) - severityRank(severities, b);
}

/**
 * The policy of a stored incident's severity. A severity removed from the config since the incident
 * was declared gets a neutral policy (no cadence, nobody paged) rather than breaking the incident.
 */
export function policyOf(severities: readonly SeverityPolicy[], name: string): SeverityPolicy {
  return (
    severities.find((s) => normalize(s.name) === normalize(name)) ?? {
      name,
      label: name,
      description: `${name} is no longer configured.`,
      updateCadenceMinutes: null,
      freezesDeploys: false,
      postmortemRequired: false,
      postmortemDueHours: null,
      page: 'none',
      ackDeadlineMinutes: null,
    }
  );
}
