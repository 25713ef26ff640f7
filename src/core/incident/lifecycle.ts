/**
 * The incident state machine: investigating → mitigated → resolved → postmortem (published) → closed (every
 * action item done). Reopening a mitigated incident is not offered: no use case asks for it yet.
 */
import { clockTime } from './time.js';
import type { Incident, IncidentPatch, IncidentState } from './model.js';

export type TransitionTarget = 'mitigated' | 'resolved';

const ALLOWED: Record<IncidentState, readonly IncidentState[]> = {
  investigating: ['mitigated', 'resolved'],
  mitigated: ['resolved'],
  resolved: ['postmortem'],
  postmortem: ['closed'],
  closed: [],
};

export type TransitionOutcome = { ok: true; patch: IncidentPatch } | { ok: false; reason: string };

export function canTransition(from: IncidentState, to: IncidentState): boolean {
  return ALLOWED[from].includes(to);
}

export function incidentRef(incident: Pick<Incident, 'id'>): string {
  return `INC-${incident.id}`;
}

function stateSince(incident: Incident, timeZone: string): string {
  const at = incident.state === 'mitigated' ? incident.mitigatedAt : incident.resolvedAt;
  return at ? ` (at ${clockTime(at, timeZone)})` : '';
}

function refusal(incident: Incident, to: TransitionTarget, timeZone: string): string {
  const ref = incidentRef(incident);
  if (incident.state === to) return `${ref} is already ${to}${stateSince(incident, timeZone)}.`;
  if (incident.state === 'resolved') return `${ref} is already resolved${stateSince(incident, timeZone)}; it cannot be marked ${to}.`;
  return `${ref} is in ${incident.state}; it cannot be marked ${to}.`;
}

/**
 * The patch that moves `incident` to `to` at `now`, or the reason it cannot move (nothing to write).
 * Resolving without a mitigation first sets mitigatedAt too: the impact ended no later than the resolution.
 */
export function transition(incident: Incident, to: TransitionTarget, now: Date, timeZone: string): TransitionOutcome {
  if (!canTransition(incident.state, to)) return { ok: false, reason: refusal(incident, to, timeZone) };
  if (to === 'mitigated') return { ok: true, patch: { state: 'mitigated', mitigatedAt: now } };
  return { ok: true, patch: { state: 'resolved', resolvedAt: now, mitigatedAt: incident.mitigatedAt ?? now } };
}

export function isOpen(incident: Pick<Incident, 'state'>): boolean {
  return incident.state === 'investigating' || incident.state === 'mitigated';
}
